package dev.integrator.acme;

import java.util.List;

/** One page of customers; {@code startingAfter} is passed back as {@code starting_after}, null on the last page. */
public record CustomerPage(List<Customer> items, String startingAfter) {
}
