package dev.integrator.stripe;

import java.util.List;

/** One page of customers, newest first; {@code startingAfter} is passed back for the next page, null on the last. */
public record CustomerPage(List<Customer> items, String startingAfter) {
}
