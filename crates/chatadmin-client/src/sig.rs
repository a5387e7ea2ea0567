//! The admin UserSig cache: one UserSig shared by all threads, renewed before it expires.

use std::sync::{Mutex, PoisonError, RwLock, TryLockError};

use chatadmin_core::usersig::{self, UserSigError};
use chatadmin_core::{Error, Result, SecretKey, UserSig};

use crate::config::{Clock, UserSigProvider};

/// Where admin UserSigs come from.
pub(crate) enum SigSource {
    /// Signed here with the app's key.
    Key(SecretKey),
    /// Asked of the application.
    Provider(UserSigProvider),
}

/// A UserSig in use, with a number that changes on every renewal (so that threads which saw
/// the same rejected UserSig renew it only once).
#[derive(Clone, Debug)]
pub(crate) struct CurrentSig {
    pub(crate) sig: UserSig,
    pub(crate) generation: u64,
}

struct Cached {
    current: CurrentSig,
    /// Unix second from which a new UserSig is fetched.
    renew_at: u64,
    /// Unix second at which the UserSig expires.
    expires_at: u64,
}

/// A UserSig due for renewal is still used while another thread renews it, or when renewing
/// fails, as long as this many seconds of validity remain.
const STILL_USABLE_SECS: u64 = 10;

/// After a failed renewal while the old UserSig is still usable, the next attempt to renew
/// is made this many seconds later (not on every call).
const RENEW_RETRY_SECS: u64 = 5;

pub(crate) struct SigCache {
    source: SigSource,
    sdkappid: u64,
    admin: String,
    ttl: u64,
    clock: Clock,
    cached: RwLock<Option<Cached>>,
    /// Held while a UserSig is being made, so that only one thread renews.
    renewing: Mutex<u64>,
}

/// How long before expiry a UserSig valid for `validity` seconds is renewed: a tenth of its
/// validity, at least 60 s, but at most half, so that short-lived UserSigs are still reused.
fn renew_margin(validity: u64) -> u64 {
    (validity / 10).max(60).min(validity / 2)
}

impl SigCache {
    pub(crate) fn new(
        source: SigSource,
        sdkappid: u64,
        admin: String,
        ttl: u64,
        clock: Clock,
    ) -> Self {
        SigCache {
            source,
            sdkappid,
            admin,
            ttl,
            clock,
            cached: RwLock::new(None),
            renewing: Mutex::new(0),
        }
    }

    /// The UserSig to use now, made or fetched when there is none or it is due for renewal.
    ///
    /// Only one thread renews. While it does, other threads keep using the old UserSig if it
    /// is still valid (a slow vault does not stall them), and a failed renewal falls back to
    /// the old UserSig too, trying again a few seconds later.
    pub(crate) fn current(&self) -> Result<CurrentSig> {
        let now = (self.clock)();
        let usable = {
            let cached = self.read();
            match cached.as_ref() {
                Some(c) if now < c.renew_at => return Ok(c.current.clone()),
                Some(c) if now + STILL_USABLE_SECS < c.expires_at => Some(c.current.clone()),
                _ => None,
            }
        };
        let mut generation = match &usable {
            Some(old) => match self.renewing.try_lock() {
                Ok(g) => g,
                Err(TryLockError::WouldBlock) => return Ok(old.clone()),
                Err(TryLockError::Poisoned(p)) => p.into_inner(),
            },
            None => self.renewing.lock().unwrap_or_else(PoisonError::into_inner),
        };
        // Another thread may have renewed while this one waited.
        if let Some(c) = self.fresh((self.clock)()) {
            return Ok(c);
        }
        match (self.renew(&mut generation), usable) {
            (Ok(c), _) => Ok(c),
            (Err(e), Some(old)) => {
                tracing::warn!(
                    admin = %self.admin,
                    error = %e,
                    "renewing the admin UserSig failed; using the current one, which is still valid"
                );
                let mut cached = self.cached.write().unwrap_or_else(PoisonError::into_inner);
                if let Some(c) = cached.as_mut() {
                    c.renew_at = (self.clock)() + RENEW_RETRY_SECS;
                }
                Ok(old)
            }
            (Err(e), None) => Err(e),
        }
    }

    /// Called when the service rejected `rejected` as expired (70001): makes a new UserSig
    /// unless another thread already replaced that one.
    pub(crate) fn renew_after_rejection(&self, rejected: &CurrentSig) -> Result<CurrentSig> {
        let mut generation = self.renewing.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(c) = self.read().as_ref() {
            if c.current.generation != rejected.generation {
                return Ok(c.current.clone());
            }
        }
        self.renew(&mut generation)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<Cached>> {
        self.cached.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn fresh(&self, now: u64) -> Option<CurrentSig> {
        self.read()
            .as_ref()
            .filter(|c| now < c.renew_at)
            .map(|c| c.current.clone())
    }

    /// Makes a new UserSig and stores it. The caller holds `renewing`.
    fn renew(&self, generation: &mut u64) -> Result<CurrentSig> {
        let now = (self.clock)();
        let (sig, renew_at, expires_at) = match &self.source {
            SigSource::Key(key) => {
                let sig = usersig::generate(key, self.sdkappid, &self.admin, self.ttl, now);
                tracing::debug!(
                    admin = %self.admin,
                    ttl_secs = self.ttl,
                    "signed a new admin UserSig"
                );
                (sig, now + self.ttl - renew_margin(self.ttl), now + self.ttl)
            }
            SigSource::Provider(provider) => {
                let sig = provider(&self.admin).map_err(|msg| {
                    tracing::warn!(admin = %self.admin, "the UserSig provider failed");
                    Error::UserSig(UserSigError::InvalidInput {
                        detail: format!("the UserSig provider failed for {:?}: {msg}", self.admin),
                    })
                })?;
                let (renew_at, expires_at) = self.check_provided(&sig, now)?;
                tracing::debug!(admin = %self.admin, renew_at, "got a new admin UserSig from the provider");
                (sig, renew_at, expires_at)
            }
        };
        *generation += 1;
        let current = CurrentSig {
            sig,
            generation: *generation,
        };
        *self.cached.write().unwrap_or_else(PoisonError::into_inner) = Some(Cached {
            current: current.clone(),
            renew_at,
            expires_at,
        });
        Ok(current)
    }

    /// Checks a provided UserSig against the client's app and admin, and returns when to ask
    /// for the next one and when it expires.
    fn check_provided(&self, sig: &UserSig, now: u64) -> Result<(u64, u64)> {
        let decoded = usersig::inspect(sig.expose_secret())?;
        if decoded.sdkappid != self.sdkappid {
            return Err(UserSigError::SdkAppIdMismatch {
                expected: self.sdkappid,
                found: decoded.sdkappid,
            }
            .into());
        }
        if decoded.identifier != self.admin {
            return Err(UserSigError::IdentifierMismatch {
                expected: self.admin.clone(),
                found: decoded.identifier,
            }
            .into());
        }
        let expires_at = decoded.expires_at();
        if expires_at <= now {
            return Err(UserSigError::Expired {
                expired_at: expires_at,
                now,
            }
            .into());
        }
        let planned = expires_at - renew_margin(decoded.expire);
        // A provider that hands out UserSigs close to expiry is asked again halfway through
        // what remains rather than on every call.
        let renew_at = if planned > now {
            planned
        } else {
            now + (expires_at - now) / 2
        };
        Ok((renew_at, expires_at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;

    fn clock(t: &Arc<AtomicU64>) -> Clock {
        let t = t.clone();
        Arc::new(move || t.load(Ordering::SeqCst))
    }

    #[test]
    fn margin_is_a_tenth_at_least_a_minute_at_most_half() {
        assert_eq!(renew_margin(86_400), 8_640);
        assert_eq!(renew_margin(300), 60);
        assert_eq!(renew_margin(100), 50);
        assert_eq!(renew_margin(1), 0);
    }

    #[test]
    fn key_signed_sig_is_cached_then_renewed_before_expiry() {
        let t = Arc::new(AtomicU64::new(1_700_000_000));
        let cache = SigCache::new(
            SigSource::Key("k".into()),
            1400000000,
            "admin".into(),
            1000,
            clock(&t),
        );
        let a = cache.current().unwrap();
        t.fetch_add(800, Ordering::SeqCst);
        assert_eq!(cache.current().unwrap().generation, a.generation, "cached");
        t.fetch_add(101, Ordering::SeqCst); // 901 s in: less than 100 s (10%) left
        let b = cache.current().unwrap();
        assert_ne!(b.generation, a.generation);
        assert_ne!(b.sig, a.sig);
        let d = usersig::inspect(b.sig.expose_secret()).unwrap();
        assert_eq!(
            (d.identifier.as_str(), d.sdkappid, d.expire),
            ("admin", 1400000000, 1000)
        );
    }

    #[test]
    fn rejection_renews_once_per_rejected_sig() {
        let t = Arc::new(AtomicU64::new(1_700_000_000));
        let cache = SigCache::new(
            SigSource::Key("k".into()),
            1,
            "admin".into(),
            1000,
            clock(&t),
        );
        let a = cache.current().unwrap();
        let b = cache.renew_after_rejection(&a).unwrap();
        let c = cache.renew_after_rejection(&a).unwrap();
        assert_eq!(b.generation, a.generation + 1);
        assert_eq!(
            c.generation, b.generation,
            "a second thread reuses the renewal"
        );
    }

    #[test]
    fn provided_sigs_are_checked() {
        let now = 1_700_000_000;
        let t = Arc::new(AtomicU64::new(now));
        let make = |id: &'static str, app: u64, at: u64, ttl: u64| -> SigCache {
            let p: UserSigProvider =
                Arc::new(move |_: &str| Ok(usersig::generate(&"k".into(), app, id, ttl, at)));
            SigCache::new(SigSource::Provider(p), 7, "admin".into(), 1, clock(&t))
        };
        let ok = make("admin", 7, now - 10, 1000).current().unwrap();
        assert_eq!(ok.generation, 1);
        let e = make("bob", 7, now, 1000).current().unwrap_err();
        assert!(e.to_string().contains("identifier \"bob\""), "{e}");
        let e = make("admin", 8, now, 1000).current().unwrap_err();
        assert!(e.to_string().contains("SDKAppID 8"), "{e}");
        let e = make("admin", 7, now - 2000, 1000).current().unwrap_err();
        assert!(e.to_string().contains("expired"), "{e}");

        let garbage: UserSigProvider = Arc::new(|_: &str| Ok(UserSig::new("not-a-sig")));
        let e = SigCache::new(
            SigSource::Provider(garbage),
            7,
            "admin".into(),
            1,
            clock(&t),
        )
        .current()
        .unwrap_err();
        assert_eq!(e.kind(), chatadmin_core::ErrorKind::UserSig);
        assert!(!e.to_string().contains("not-a-sig"), "{e}");

        let failing: UserSigProvider = Arc::new(|_: &str| Err("vault down".into()));
        let e = SigCache::new(
            SigSource::Provider(failing),
            7,
            "admin".into(),
            1,
            clock(&t),
        )
        .current()
        .unwrap_err();
        assert!(e.to_string().contains("vault down"), "{e}");
    }

    #[test]
    fn a_failed_renewal_keeps_a_still_valid_sig_and_retries_later() {
        let now = 1_700_000_000;
        let t = Arc::new(AtomicU64::new(now));
        let calls = Arc::new(AtomicU64::new(0));
        let c2 = calls.clone();
        let p: UserSigProvider = Arc::new(move |_: &str| {
            if c2.fetch_add(1, Ordering::SeqCst) == 0 {
                Ok(usersig::generate(&"k".into(), 7, "admin", 1000, now))
            } else {
                Err("vault down".into())
            }
        });
        let cache = SigCache::new(SigSource::Provider(p), 7, "admin".into(), 1, clock(&t));
        let first = cache.current().unwrap();
        t.fetch_add(950, Ordering::SeqCst); // due for renewal, 50 s left
        assert_eq!(cache.current().unwrap().generation, first.generation);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        assert_eq!(cache.current().unwrap().generation, first.generation);
        assert_eq!(
            calls.load(Ordering::SeqCst),
            2,
            "not asked again on every call"
        );
        t.fetch_add(RENEW_RETRY_SECS, Ordering::SeqCst);
        cache.current().unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        t.fetch_add(50, Ordering::SeqCst); // expired now: the failure is an error
        assert!(cache
            .current()
            .unwrap_err()
            .to_string()
            .contains("vault down"));
    }

    #[test]
    fn provider_near_expiry_is_asked_halfway_through_the_rest() {
        let now = 1_700_000_000;
        let t = Arc::new(AtomicU64::new(now));
        let calls = Arc::new(AtomicU64::new(0));
        let c2 = calls.clone();
        // Valid for 1000 s, 950 s used: 50 s left, inside the 100 s margin.
        let p: UserSigProvider = Arc::new(move |_: &str| {
            c2.fetch_add(1, Ordering::SeqCst);
            Ok(usersig::generate(&"k".into(), 7, "admin", 1000, now - 950))
        });
        let cache = SigCache::new(SigSource::Provider(p), 7, "admin".into(), 1, clock(&t));
        cache.current().unwrap();
        cache.current().unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        t.fetch_add(25, Ordering::SeqCst);
        cache.current().unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }
}
