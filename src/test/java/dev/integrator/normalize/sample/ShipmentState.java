package dev.integrator.normalize.sample;

/** A provider's states, and UNKNOWN for those it adds later. */
public enum ShipmentState {
    PACKED,
    IN_TRANSIT,
    UNKNOWN
}
