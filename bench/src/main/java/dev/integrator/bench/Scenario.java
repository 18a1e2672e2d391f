package dev.integrator.bench;

/** One way to get the issues list from the stub, measured side by side with the others. */
public interface Scenario extends AutoCloseable {

    /** Short name used in the tables, such as "(a) JDK HttpClient". */
    String name();

    /** One call for the payload; returns what the caller gets (bytes or a DTO). Throws on any failure. */
    Object call(Payload payload) throws Throwable;

    @Override
    default void close() throws Exception {
    }
}
