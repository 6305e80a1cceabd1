package io.newsflow.ingest.publish;

/** A publication that did not happen (the transaction was aborted); trying again later may succeed. */
public final class PublishException extends Exception {

    private final boolean ownershipLost;

    public PublishException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param ownershipLost true when the transaction was refused because this instance no longer polls the feed (it
     *                      moved to another instance, or a rebalance is under way): no fault of the feed's
     */
    public PublishException(String message, Throwable cause, boolean ownershipLost) {
        super(message, cause);
        this.ownershipLost = ownershipLost;
    }

    public boolean ownershipLost() {
        return ownershipLost;
    }
}
