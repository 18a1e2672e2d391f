package dev.integrator.normalize.sample;

import java.util.List;

/** A page of payments and what to pass back for the next one, null on the last page. */
public record PaymentList(List<Payment> items, String startingAfter) {
}
