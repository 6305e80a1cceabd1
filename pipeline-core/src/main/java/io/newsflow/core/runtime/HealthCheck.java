package io.newsflow.core.runtime;

/**
 * One check of a service's readiness.
 *
 * @param name   what was checked, e.g. {@code kafka}, {@code elasticsearch}
 * @param up     whether it is usable
 * @param detail what was found, for an operator reading {@code /health/ready}
 */
public record HealthCheck(String name, boolean up, String detail) {

    public static HealthCheck up(String name, String detail) {
        return new HealthCheck(name, true, detail);
    }

    public static HealthCheck down(String name, String detail) {
        return new HealthCheck(name, false, detail);
    }
}
