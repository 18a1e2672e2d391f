package dev.integrator.bench;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * (c) A plain Camel route, {@code direct:} to camel-http, no policies: what Camel costs before anything of ours.
 * The connection pool is widened so that it never limits concurrency 32 (camel-http allows 20 per route).
 */
public final class PlainCamel implements Scenario {

    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate producer;

    public PlainCamel(String baseUrl) throws Exception {
        HttpComponent http = new HttpComponent();
        http.setConnectionsPerRoute(128);
        http.setMaxTotalConnections(256);
        camel.addComponent("http", http);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (Payload p : Payload.values()) {
                    from("direct:plain." + p.repo).to(baseUrl + p.path());
                }
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @Override
    public String name() {
        return "(c) plain Camel";
    }

    @Override
    public Object call(Payload payload) {
        return producer.requestBody("direct:plain." + payload.repo, null, byte[].class);
    }

    @Override
    public void close() {
        camel.stop();
    }
}
