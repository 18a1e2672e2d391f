package dev.integrator.normalize.sample;

/** A DTO with a state the provider names in text, read by the {@code enum} conversion. */
public record Shipment(String id, ShipmentState state) {
}
