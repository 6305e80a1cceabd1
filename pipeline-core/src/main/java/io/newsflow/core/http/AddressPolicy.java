package io.newsflow.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which resolved addresses may be fetched: public ones always; loopback, private, link-local, multicast and
 * carrier-grade NAT ones only when all private addresses are allowed or the address is in an allow-listed network
 * ({@code 127.0.0.2/32}, {@code 10.0.0.0/8}, {@code fd00::/8}).
 */
final class AddressPolicy {

    private record Network(byte[] prefix, int bits) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final boolean allowAllPrivate;
    private final List<Network> allowed;

    /**
     * @param allowed networks in CIDR notation (an address without {@code /bits} is that one address)
     * @throws IllegalArgumentException naming an entry that is not an IP network
     */
    AddressPolicy(boolean allowAllPrivate, List<String> allowed) {
        this.allowAllPrivate = allowAllPrivate;
        this.allowed = allowed.stream().map(AddressPolicy::network).toList();
    }

    boolean permits(InetAddress address) {
        return allowAllPrivate || !isPrivate(address) || allowed.stream().anyMatch(n -> n.contains(address));
    }

    private static Network network(String cidr) {
        String[] parts = cidr.strip().split("/", 2);
        byte[] prefix;
        try {
            // Literal addresses only: getByName does no lookup for them, and a name here would be a mistake.
            if (!parts[0].matches("[0-9a-fA-F:.]+")) {
                throw new UnknownHostException(parts[0]);
            }
            prefix = InetAddress.getByName(parts[0]).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + cidr + "\" is not an IP network such as 127.0.0.2/32 or 10.0.0.0/8");
        }
        int bits;
        try {
            bits = parts.length == 1 ? prefix.length * 8 : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits < 0 || bits > prefix.length * 8) {
            throw new IllegalArgumentException("\"" + cidr + "\" has a prefix length outside 0.." + prefix.length * 8);
        }
        return new Network(prefix, bits);
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        // IPv6 unique local (fc00::/7) and IPv4 carrier-grade NAT (100.64.0.0/10) are private too.
        return (b.length == 16 && (b[0] & 0xfe) == 0xfc)
                || (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64);
    }
}
