package dev.integrator.chain.budget;

/** When a rate-limit resource's pause ends, wherever that is kept; {@link PauseGate} adds the rules around it. */
public interface PauseState {

    /** Holds every call for {@code waitMs} from now; a pause that already ends later is kept. */
    void pauseFor(long waitMs);

    /** The ms until the pause is over; 0 when not paused. */
    long remainingMs();

    /** No pause. */
    void reset();
}
