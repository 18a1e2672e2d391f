package dev.integrator.stripe;

import java.util.List;

/** One page of a customer search; {@code page} is passed back for the next page, null on the last. */
public record CustomerSearchPage(List<Customer> items, String page) {
}
