package io.newsflow.core.config;

/** A configuration value that is missing or malformed; the message names the setting and what is expected. */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String message) {
        super(message);
    }
}
