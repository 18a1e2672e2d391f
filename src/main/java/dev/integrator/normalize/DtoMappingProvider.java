package dev.integrator.normalize;

import java.util.Map;

/**
 * DTO mappings written in Java, for the rare response a declaration in the contract cannot map. Found with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.integrator.normalize.DtoMappingProvider}. An operation mapped both here and in its
 * contract is a configuration problem, so it is never unclear which mapping runs.
 */
public interface DtoMappingProvider {

    /** Mappings by {@code <contract id>.<operation>}, such as {@code github.issues.v2.list}. */
    Map<String, DtoMapping> mappings();
}
