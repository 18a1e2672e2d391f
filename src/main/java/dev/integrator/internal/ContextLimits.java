package dev.integrator.internal;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.Endpoint;
import org.apache.camel.component.bean.BeanComponent;
import org.apache.camel.component.direct.DirectComponent;
import org.apache.camel.component.properties.PropertiesComponent;
import org.apache.camel.component.properties.PropertiesFunctionResolver;
import org.apache.camel.spi.ComponentResolver;
import org.apache.camel.spi.PropertiesFunction;

/**
 * What a route in the context can reach at run time, whatever built its endpoint URI or placeholder: a dynamic
 * endpoint ({@code toD}, {@code recipientList}, {@code enrich}, ...) or a placeholder resolved late. {@link RouteRules}
 * keeps such things out of route files; these limits hold where Camel resolves them, in case anything gets past.
 * <ul>
 * <li>Components: Camel finds a component by scheme on the class path ({@code class:}, {@code bean:},
 * {@code language:}, ...). Here only {@code direct} resolves to endpoints. {@code bean} resolves to a component that
 * makes none: the chain's {@code retryWhileRef} goes through Camel's bean language, which needs that component for its
 * cache. Components the application needs (the queue front door's broker) are added by its own code with
 * {@code addComponent}, which needs no resolving.</li>
 * <li>Placeholders: Camel reads OS environment variables and system properties for any {@code {{NAME}}} by default,
 * and its functions ({@code {{env:X}}}, {@code {{sys:X}}}, ...) read them whatever those modes say. Here neither
 * is read: the only properties are the route template's parameters.</li>
 * </ul>
 */
public final class ContextLimits {

    private ContextLimits() {
    }

    /** Applies the limits; call before any route is loaded. */
    public static void apply(CamelContext camel) {
        camel.getCamelContextExtension().addContextPlugin(ComponentResolver.class, ContextLimits::component);
        PropertiesComponent properties = (PropertiesComponent) camel.getPropertiesComponent();
        properties.setEnvironmentVariableMode(PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_NEVER);
        properties.setSystemPropertiesMode(PropertiesComponent.SYSTEM_PROPERTIES_MODE_NEVER);
        properties.setAutoDiscoverPropertiesSources(false);
        properties.setPropertiesFunctionResolver(new NoFunctions());
    }

    /** {@code direct}, and {@code bean} without endpoints; any other scheme is unknown ("No endpoint could be found for"). */
    private static Component component(String name, CamelContext camel) {
        return switch (name) {
            case "direct" -> new DirectComponent();
            case "bean" -> new BeanLanguageOnly();
            default -> null;
        };
    }

    /** The bean component as the bean language uses it, without endpoints: {@code bean:name} would call any registry bean. */
    private static final class BeanLanguageOnly extends BeanComponent {

        @Override
        protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
            throw new IllegalArgumentException("bean: endpoints are not available in integrator's context: " + uri);
        }
    }

    /** No placeholder functions: {@code {{env:X}}} is then the property {@code env} (none) with the default {@code X}. */
    private static final class NoFunctions implements PropertiesFunctionResolver {

        @Override
        public void addPropertiesFunction(PropertiesFunction function) {
            throw new UnsupportedOperationException("placeholder functions are off in integrator's context: " + function.getName());
        }

        @Override
        public Map<String, PropertiesFunction> getFunctions() {
            return Map.of();
        }

        @Override
        public boolean hasFunction(String name) {
            return false;
        }

        @Override
        public PropertiesFunction resolvePropertiesFunction(String name) {
            return null;
        }
    }
}
