package dev.integrator.sdk;

import dev.integrator.http.TrustStore;
import dev.integrator.provider.ProviderConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Every SDK binding on the class path, by name, each over its provider's settings. Built once at start. */
public final class SdkBindings {

    private SdkBindings() {
    }

    /**
     * The bindings of the providers in {@code configs}, their TLS over {@code trust} (the private trust store, or null
     * for the JDK's CAs); a binding name given twice, or one that does not start with its provider's id, joins
     * {@code problems}. A provider whose settings did not load gets none (its problems are reported already).
     */
    public static Map<String, SdkBinding> load(Map<String, ProviderConfig> configs, TrustStore.Trust trust,
            List<String> problems) {
        Map<String, SdkBinding> all = new HashMap<>();
        for (SdkBindingProvider sdk : ServiceLoader.load(SdkBindingProvider.class)) {
            ProviderConfig config = configs.get(sdk.provider());
            if (config == null) {
                continue;
            }
            sdk.bindings(SdkSettings.of(config, trust)).forEach((name, binding) -> {
                if (!name.startsWith(sdk.provider() + ".")) {
                    problems.add("SDK binding " + name + " from " + sdk.getClass().getName() + " must start with its provider's id "
                            + sdk.provider() + ".");
                } else if (all.putIfAbsent(name, binding) != null) {
                    problems.add("SDK binding " + name + " from " + sdk.getClass().getName() + " is defined twice; keep one");
                }
            });
        }
        return Map.copyOf(all);
    }
}
