package dev.integrator.normalize.sample;

import java.time.DayOfWeek;

/** A DTO whose enum has no UNKNOWN constant, so a state added by the provider would have nowhere to go. */
public record Parcel(DayOfWeek day) {
}
