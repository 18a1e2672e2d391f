package dev.integrator.sdk;

import java.util.Map;

/**
 * The SDK bindings of one provider, found with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.integrator.sdk.SdkBindingProvider}. The core never imports one. A route names a
 * binding with the template parameters {@code kind: sdk} and {@code binding: <name>}.
 */
public interface SdkBindingProvider {

    /** The provider id whose SDK this is, such as {@code slack}. */
    String provider();

    /**
     * The bindings by name, over one SDK client made from the provider's settings; called once per start, and only
     * when the provider's settings loaded.
     */
    Map<String, SdkBinding> bindings(SdkSettings settings);
}
