package dev.integrator.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** A class that definition files must never be able to create: each construction is counted. */
public final class Tripwire implements org.apache.camel.Processor {

    public static final AtomicInteger CREATED = new AtomicInteger();

    public Tripwire() {
        CREATED.incrementAndGet();
    }

    @Override
    public void process(org.apache.camel.Exchange exchange) {
        // Never meant to run.
    }
}
