package dev.integrator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.integrator.Envelope;
import dev.integrator.json.Json;
import java.io.PrintStream;

/** Writes an envelope as indented JSON, the form {@code call} and {@code demo} print on stdout. */
final class EnvelopePrinter {

    private EnvelopePrinter() {
    }

    static void print(PrintStream out, Envelope envelope) {
        try {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the envelope as JSON", e);
        }
    }
}
