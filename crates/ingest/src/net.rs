//! SSRF guard: which IP addresses the fetcher may connect to.
//!
//! The check runs on the addresses a host name *resolves to*, inside the HTTP
//! client's resolver, so the connection goes to exactly the vetted addresses (no
//! second DNS lookup that could answer differently) — on the first request and on
//! every redirect hop alike.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};

/// Whether `ip` is a public unicast address, i.e. not loopback, private (RFC 1918, IPv6
/// unique-local), shared (100.64/10), link-local, multicast, broadcast, unspecified,
/// documentation or otherwise reserved. IPv4-mapped IPv6 addresses are judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_v4(v4);
            }
            let seg0 = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (seg0 & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (seg0 & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (seg0 & 0xffc0) == 0xfec0 // site-local (deprecated) fec0::/10
                || seg0 == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
                || seg0 == 0x0064 && v6.segments()[1] == 0xff9b // NAT64 (embeds IPv4)
                || v6.segments()[..5] == [0, 0, 0, 0, 0]) // IPv4-compatible, deprecated
        }
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

/// The error the resolver returns for a refused host; its message names the address.
#[derive(Debug, thiserror::Error)]
#[error("refused to connect to {host}: it resolves to non-public address {ip} (set allow_private to permit)")]
pub struct PrivateAddress {
    /// The host as given.
    pub host: String,
    /// The first refused address.
    pub ip: IpAddr,
}

/// Which addresses may be contacted: public ones always; non-public ones only with
/// `allow_private`, or when listed in `exceptions` (say, one intranet mirror).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddressPolicy {
    /// Allow every non-public address. Default `false`.
    pub allow_private: bool,
    /// Non-public addresses allowed even without `allow_private`. Default empty.
    pub exceptions: Vec<IpAddr>,
}

impl AddressPolicy {
    /// Whether `ip` may be contacted.
    pub fn permits(&self, ip: IpAddr) -> bool {
        self.allow_private || is_public(ip) || self.exceptions.contains(&ip)
    }
}

/// Resolve `netloc` (`host:port`) and keep only the addresses `policy` permits.
/// Errors (kind `PermissionDenied`, wrapping [`PrivateAddress`]) when none is left.
pub fn resolve_vetted(netloc: &str, policy: &AddressPolicy) -> io::Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = netloc.to_socket_addrs()?.collect();
    let permitted: Vec<SocketAddr> = addrs
        .iter()
        .copied()
        .filter(|a| policy.permits(a.ip()))
        .collect();
    if permitted.is_empty() {
        if let Some(first) = addrs.first() {
            let host = netloc
                .rsplit_once(':')
                .map_or(netloc, |(h, _)| h)
                .to_string();
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                PrivateAddress {
                    host,
                    ip: first.ip(),
                },
            ));
        }
    }
    Ok(permitted)
}

/// The IP of a URL host that is an IP literal the policy refuses (no DNS needed).
pub(crate) fn refused_literal(host: &url::Host<&str>, policy: &AddressPolicy) -> Option<IpAddr> {
    let ip = match host {
        url::Host::Ipv4(v4) => IpAddr::V4(*v4),
        url::Host::Ipv6(v6) => IpAddr::V6(*v6),
        url::Host::Domain(_) => return None,
    };
    (!policy.permits(ip)).then_some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(s: &str) -> bool {
        is_public(s.parse().unwrap())
    }

    #[test]
    fn classifies_addresses() {
        for s in [
            "127.0.0.1",
            "127.9.9.9",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "100.64.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a00:1",
            "2001:db8::1",
            "240.0.0.1",
        ] {
            assert!(!public(s), "{s} should be refused");
        }
        for s in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(public(s), "{s} should be allowed");
        }
    }

    #[test]
    fn resolver_refuses_loopback_unless_allowed() {
        let strict = AddressPolicy::default();
        let err = resolve_vetted("127.0.0.1:80", &strict).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert!(err.to_string().contains("127.0.0.1"));
        let open = AddressPolicy {
            allow_private: true,
            exceptions: vec![],
        };
        assert_eq!(resolve_vetted("127.0.0.1:80", &open).unwrap().len(), 1);
        assert!(resolve_vetted("localhost:80", &strict).is_err());
        let one = AddressPolicy {
            allow_private: false,
            exceptions: vec!["127.0.0.2".parse().unwrap()],
        };
        assert!(resolve_vetted("127.0.0.2:80", &one).is_ok());
        assert!(resolve_vetted("127.0.0.1:80", &one).is_err());
    }
}
