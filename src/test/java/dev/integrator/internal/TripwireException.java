package dev.integrator.internal;

/** An exception that definition files must never be able to create: each construction is counted with {@link Tripwire}'s. */
public final class TripwireException extends RuntimeException {

    public TripwireException(String message) {
        super(message);
        Tripwire.CREATED.incrementAndGet();
    }
}
