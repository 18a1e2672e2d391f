package dev.integrator.normalize.sample;

import java.util.List;

/** A page of payments numbered by a Link header. */
public record PaymentPage(List<Payment> items, Integer nextPage) {
}
