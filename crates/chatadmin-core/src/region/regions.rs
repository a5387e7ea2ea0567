//! The data centers ([`Region`]): their documented API hosts, names and aliases.

use std::fmt;
use std::str::FromStr;

use super::shorten;

/// A Chat data center, which fixes the REST API domain of the apps created in it.
///
/// Parse one from its [name](Region::name), an alias or its API host:
///
/// ```
/// use chatadmin_core::region::Region;
/// let r: Region = "SGP".parse().unwrap();
/// assert_eq!(r, Region::Singapore);
/// assert_eq!(r.primary_host(), "adminapisgp.im.qcloud.com");
/// assert_eq!(r.to_string(), "singapore");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// Chinese mainland: `console.tim.qq.com`, standby `adminapi.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    China,
    /// Singapore: `adminapisgp.im.qcloud.com`, standby `adminapisgp.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    Singapore,
    /// Seoul: `adminapikr.im.qcloud.com`, standby `adminapikr.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    Seoul,
    /// Tokyo: `adminapijpn.im.qcloud.com`, no known standby.
    /// Primary in P3 (the newest trtc.io and cloud.tencent.com endpoint pages); the Japan data center is in
    /// P4. Not in the Java SDK nor in the 2024 overview pages. Standby: unverified, none.
    Tokyo,
    /// Frankfurt: `adminapiger.im.qcloud.com`, standby `adminapiger.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    Frankfurt,
    /// Mumbai: `adminapiind.im.qcloud.com`, standby `adminapiind.my-imcloud.com`.
    /// Both in P1, P2 and J, the primary also in the 2024-12 overview P5; gone from
    /// the newest endpoint pages P3 and the data-center list P4, so it is likely closed
    /// to new apps. Kept for apps that live there.
    Mumbai,
    /// Silicon Valley (USA): `adminapiusa.im.qcloud.com`, standby `adminapiusa.my-imcloud.com`.
    /// Primary in P1–P5; standby in P1, P2, J.
    SiliconValley,
    /// Jakarta: `adminapiidn.im.qcloud.com`, standby `adminapiidn.my-imcloud.com`.
    /// Primary in P1–P4 and the seed pages P5; standby in P1 and P2 (not in J).
    Jakarta,
}

impl Region {
    /// Every region, in the order the documentation lists them.
    pub const ALL: &'static [Region] = &[
        Region::China,
        Region::Singapore,
        Region::Seoul,
        Region::Tokyo,
        Region::Frankfurt,
        Region::Mumbai,
        Region::SiliconValley,
        Region::Jakarta,
    ];

    /// The documented API host of the region (no scheme, no port).
    pub const fn primary_host(self) -> &'static str {
        match self {
            Region::China => "console.tim.qq.com",
            Region::Singapore => "adminapisgp.im.qcloud.com",
            Region::Seoul => "adminapikr.im.qcloud.com",
            Region::Tokyo => "adminapijpn.im.qcloud.com",
            Region::Frankfurt => "adminapiger.im.qcloud.com",
            Region::Mumbai => "adminapiind.im.qcloud.com",
            Region::SiliconValley => "adminapiusa.im.qcloud.com",
            Region::Jakarta => "adminapiidn.im.qcloud.com",
        }
    }

    /// The documented standby host, for when the primary cannot be reached (the docs name
    /// DNS hijacking by a carrier). `None` where Tencent documents none (Tokyo).
    pub const fn standby_host(self) -> Option<&'static str> {
        match self {
            Region::China => Some("adminapi.my-imcloud.com"),
            Region::Singapore => Some("adminapisgp.my-imcloud.com"),
            Region::Seoul => Some("adminapikr.my-imcloud.com"),
            Region::Tokyo => None,
            Region::Frankfurt => Some("adminapiger.my-imcloud.com"),
            Region::Mumbai => Some("adminapiind.my-imcloud.com"),
            Region::SiliconValley => Some("adminapiusa.my-imcloud.com"),
            Region::Jakarta => Some("adminapiidn.my-imcloud.com"),
        }
    }

    /// The canonical lowercase id: `china`, `singapore`, `seoul`, `tokyo`, `frankfurt`,
    /// `mumbai`, `silicon-valley`, `jakarta`.
    pub const fn name(self) -> &'static str {
        self.aliases()[0]
    }

    /// Every lowercase id [`FromStr`] accepts for this region, the canonical
    /// [name](Region::name) first. (The API hosts are accepted too, and are not listed here.)
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            Region::China => &["china", "cn", "zh", "mainland"],
            Region::Singapore => &["singapore", "sgp", "sg"],
            Region::Seoul => &["seoul", "kr", "korea"],
            Region::Tokyo => &["tokyo", "jp", "jpn", "japan"],
            Region::Frankfurt => &["frankfurt", "ger", "de", "germany", "eu"],
            Region::Mumbai => &["mumbai", "ind", "in", "india"],
            Region::SiliconValley => &[
                "silicon-valley",
                "usa",
                "us",
                "sv",
                "silicon_valley",
                "siliconvalley",
            ],
            Region::Jakarta => &["jakarta", "idn", "id", "indonesia"],
        }
    }

    /// The region whose primary or standby host is `host` (ASCII case-insensitive; a single
    /// trailing dot is allowed).
    pub fn from_host(host: &str) -> Option<Region> {
        let host = host.strip_suffix('.').unwrap_or(host);
        Region::ALL.iter().copied().find(|r| {
            r.primary_host().eq_ignore_ascii_case(host)
                || r.standby_host()
                    .is_some_and(|s| s.eq_ignore_ascii_case(host))
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Region {
    type Err = ParseRegionError;

    /// Accepts (ASCII case-insensitive, surrounding whitespace ignored) the canonical name,
    /// any of the [aliases](Region::aliases), or the region's primary or standby host.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Region::ALL
            .iter()
            .copied()
            .find(|r| r.aliases().iter().any(|a| a.eq_ignore_ascii_case(t)))
            .or_else(|| Region::from_host(t))
            .ok_or_else(|| ParseRegionError {
                input: shorten(t, 64),
            })
    }
}

/// A string that names no [`Region`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseRegionError {
    input: String,
}

impl ParseRegionError {
    /// The rejected input (trimmed; cut short if it was long).
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl fmt::Display for ParseRegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown region {:?}: expected one of ", self.input)?;
        for (i, r) in Region::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(r.name())?;
        }
        f.write_str(" (or a short alias such as ")?;
        for (i, r) in Region::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(r.aliases()[1])?;
        }
        f.write_str(", or the region's API host)")
    }
}

impl std::error::Error for ParseRegionError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::BaseUrl;

    #[test]
    fn region_hosts() {
        let expected = [
            (
                Region::China,
                "console.tim.qq.com",
                Some("adminapi.my-imcloud.com"),
            ),
            (
                Region::Singapore,
                "adminapisgp.im.qcloud.com",
                Some("adminapisgp.my-imcloud.com"),
            ),
            (
                Region::Seoul,
                "adminapikr.im.qcloud.com",
                Some("adminapikr.my-imcloud.com"),
            ),
            (Region::Tokyo, "adminapijpn.im.qcloud.com", None),
            (
                Region::Frankfurt,
                "adminapiger.im.qcloud.com",
                Some("adminapiger.my-imcloud.com"),
            ),
            (
                Region::Mumbai,
                "adminapiind.im.qcloud.com",
                Some("adminapiind.my-imcloud.com"),
            ),
            (
                Region::SiliconValley,
                "adminapiusa.im.qcloud.com",
                Some("adminapiusa.my-imcloud.com"),
            ),
            (
                Region::Jakarta,
                "adminapiidn.im.qcloud.com",
                Some("adminapiidn.my-imcloud.com"),
            ),
        ];
        assert_eq!(Region::ALL.len(), expected.len());
        for (r, primary, standby) in expected {
            assert!(Region::ALL.contains(&r));
            assert_eq!(r.primary_host(), primary);
            assert_eq!(r.standby_host(), standby);
            let b = BaseUrl::Region(r);
            assert_eq!(b.primary(), format!("https://{primary}"));
            assert_eq!(b.standby(), standby.map(|s| format!("https://{s}")));
            assert_eq!(Region::from_host(primary), Some(r));
            assert_eq!(Region::from_host(&primary.to_uppercase()), Some(r));
            if let Some(s) = standby {
                assert_eq!(Region::from_host(s), Some(r));
            }
        }
        assert_eq!(Region::from_host("example.com"), None);
    }

    #[test]
    fn names_are_canonical_and_unique() {
        let names: Vec<_> = Region::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(
            names,
            [
                "china",
                "singapore",
                "seoul",
                "tokyo",
                "frankfurt",
                "mumbai",
                "silicon-valley",
                "jakarta"
            ]
        );
        let mut all: Vec<&str> = Region::ALL
            .iter()
            .flat_map(|r| r.aliases().iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "an alias names two regions");
        for r in Region::ALL {
            assert_eq!(r.to_string(), r.name());
            assert!(r.aliases().iter().all(|a| *a == a.to_ascii_lowercase()));
        }
    }

    #[test]
    fn from_str_names_aliases_hosts() {
        let cases: &[(&str, Region)] = &[
            ("china", Region::China),
            ("cn", Region::China),
            ("zh", Region::China),
            ("mainland", Region::China),
            ("singapore", Region::Singapore),
            ("sgp", Region::Singapore),
            ("sg", Region::Singapore),
            ("seoul", Region::Seoul),
            ("kr", Region::Seoul),
            ("korea", Region::Seoul),
            ("tokyo", Region::Tokyo),
            ("jp", Region::Tokyo),
            ("jpn", Region::Tokyo),
            ("japan", Region::Tokyo),
            ("frankfurt", Region::Frankfurt),
            ("ger", Region::Frankfurt),
            ("de", Region::Frankfurt),
            ("germany", Region::Frankfurt),
            ("eu", Region::Frankfurt),
            ("mumbai", Region::Mumbai),
            ("ind", Region::Mumbai),
            ("in", Region::Mumbai),
            ("india", Region::Mumbai),
            ("silicon-valley", Region::SiliconValley),
            ("usa", Region::SiliconValley),
            ("us", Region::SiliconValley),
            ("sv", Region::SiliconValley),
            ("jakarta", Region::Jakarta),
            ("idn", Region::Jakarta),
            ("id", Region::Jakarta),
            ("indonesia", Region::Jakarta),
        ];
        for &(s, r) in cases {
            assert_eq!(s.parse::<Region>(), Ok(r), "{s}");
            assert_eq!(s.to_uppercase().parse::<Region>(), Ok(r), "{s}");
            let mut mixed: String = s
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            assert_eq!(mixed.parse::<Region>(), Ok(r), "{mixed}");
            mixed.insert(0, ' ');
            mixed.push('\n');
            assert_eq!(mixed.parse::<Region>(), Ok(r), "{mixed:?}");
        }
        for &r in Region::ALL {
            for a in r.aliases() {
                assert_eq!(a.parse::<Region>(), Ok(r));
            }
            assert_eq!(r.name().parse::<Region>(), Ok(r));
            assert_eq!(r.primary_host().parse::<Region>(), Ok(r));
            assert_eq!(r.primary_host().to_uppercase().parse::<Region>(), Ok(r));
        }
        assert_eq!(
            "Silicon-Valley".parse::<Region>(),
            Ok(Region::SiliconValley)
        );
        assert_eq!(
            "adminapi.my-imcloud.com".parse::<Region>(),
            Ok(Region::China)
        );
    }

    #[test]
    fn from_str_rejects_unknown() {
        for bad in [
            "",
            " ",
            "mars",
            "ksa",
            "riyadh",
            "chin a",
            "https://console.tim.qq.com",
            "hk",
        ] {
            let err = bad.parse::<Region>().unwrap_err();
            let msg = err.to_string();
            assert!(msg.starts_with("unknown region"), "{msg}");
            for r in Region::ALL {
                assert!(msg.contains(r.name()), "{msg} lacks {}", r.name());
            }
        }
        let err = "Mars".parse::<Region>().unwrap_err();
        assert_eq!(err.input(), "Mars");
        assert_eq!(
            err.to_string(),
            "unknown region \"Mars\": expected one of china, singapore, seoul, tokyo, frankfurt, \
             mumbai, silicon-valley, jakarta (or a short alias such as cn, sgp, kr, jp, ger, ind, \
             usa, idn, or the region's API host)"
        );
        let long = "x".repeat(1000);
        let err = long.parse::<Region>().unwrap_err();
        assert!(err.to_string().len() < 400);
    }
}
