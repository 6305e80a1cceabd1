package io.newsflow.deploy.stack;

/** A server of the stack could not be provisioned or started; the message says why and what to do. */
public final class StackStartException extends RuntimeException {

    public StackStartException(String message) {
        super(message);
    }

    public StackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
