//! UserSig: the spec's test vectors, the forms real generators emit (negative cases are in
//! tests/usersig_negative.rs), PrivateMapKey userbufs, redaction, and property tests.
//!
//! The vectors live in `tests/data/usersig_vectors.json` (copied from the spec) so that the
//! tests never read anything outside the crate.

// Each file uses its own subset of the shared helpers.
#![allow(dead_code)]

include!("common/usersig_helpers.rs");

// ---------------------------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------------------------

#[test]
fn v1_content_and_sig() {
    let v = vectors();
    let c = common();
    let want_content = s(&v, &["v1", "content"]);
    assert_eq!(
        content(&c.identifier, c.sdkappid, c.time, c.expire, None),
        want_content
    );
    assert_eq!(hmac_b64(&c.key_text, want_content), s(&v, &["v1", "sig"]));
}

#[test]
fn v1_generated_decodes_to_the_vector() {
    let v = vectors();
    let c = common();
    let ours = generate(&c.key, c.sdkappid, &c.identifier, c.expire, c.time);
    let d = inspect(ours.expose_secret()).unwrap();
    assert_v1_fields(&d, &c, s(&v, &["v1", "sig"]));
    assert_eq!(d.userbuf, None);

    // Same compact JSON, key order included, as the documented level-6 string. The deflate
    // bytes themselves differ (zlib vs. miniz_oxide choose other matches), so compare the
    // inflated documents.
    let vector_json = unzlib(&tls_unb64(s(&v, &["v1", "compact_level6"])));
    let our_json = unzlib(&tls_unb64(ours.expose_secret()));
    assert_eq!(
        String::from_utf8(our_json).unwrap(),
        String::from_utf8(vector_json).unwrap()
    );
    // zlib header of a level-6 stream.
    assert!(ours.expose_secret().starts_with("eJ"));
}

#[test]
fn v1_all_documented_forms_verify() {
    let v = vectors();
    let c = common();
    for form in ["compact_level6", "python_style", "level0", "level1"] {
        let text = s(&v, &["v1", form]);
        for now in [c.time, c.time + 1, c.time + c.expire] {
            let d = verify(&c.key, text, &expected(&c, now, UserbufCheck::Absent))
                .unwrap_or_else(|e| panic!("{form} at {now}: {e}"));
            assert_v1_fields(&d, &c, s(&v, &["v1", "sig"]));
            assert_eq!(d.expires_at(), c.time + c.expire);
        }
        let d = inspect(text).unwrap();
        assert_v1_fields(&d, &c, s(&v, &["v1", "sig"]));
    }
}

#[test]
fn v2_userbuf() {
    let v = vectors();
    let c = common();
    let ub = s(&v, &["v2", "userbuf_utf8"]).as_bytes();
    assert_eq!(STANDARD.encode(ub), s(&v, &["v2", "userbuf_base64"]));
    let want_content = s(&v, &["v2", "content"]);
    assert_eq!(
        content(&c.identifier, c.sdkappid, c.time, c.expire, Some("YWJj")),
        want_content
    );
    assert_eq!(hmac_b64(&c.key_text, want_content), s(&v, &["v2", "sig"]));

    let ours = generate_with_userbuf(&c.key, c.sdkappid, &c.identifier, c.expire, c.time, ub);
    // Here miniz_oxide happens to emit the very bytes of the vector.
    assert_eq!(ours.expose_secret(), s(&v, &["v2", "compact_level6"]));
    assert_eq!(ours, UserSig::new(s(&v, &["v2", "compact_level6"])));

    let d = verify(
        &c.key,
        s(&v, &["v2", "compact_level6"]),
        &expected(&c, c.time, UserbufCheck::Exact(b"abc")),
    )
    .unwrap();
    assert_eq!(d.userbuf.as_deref(), Some(&b"abc"[..]));
    assert_eq!(d.sig_base64(), s(&v, &["v2", "sig"]));
    let json = d.to_json();
    assert_eq!(json["TLS.userbuf"], "YWJj");
    // Any accepts a userbuf too.
    verify(
        &c.key,
        ours.expose_secret(),
        &expected(&c, c.time, UserbufCheck::Any),
    )
    .unwrap();
}

#[test]
fn v3_private_map_key() {
    let v = vectors();
    let c = common();
    let v3 = &v["v3"];
    let identifier = s(&v, &["v3", "identifier"]);
    let room = Room::Numeric(v3["room_numeric"].as_u64().unwrap() as u32);
    let privileges = v3["privileges"].as_u64().unwrap() as u32;
    let time = v3["time"].as_u64().unwrap();
    let expire = v3["expire"].as_u64().unwrap();
    let expire_at = v3["expire_at"].as_u64().unwrap();
    assert_eq!(time + expire, expire_at);
    assert_eq!(privileges, PRIV_ALL);

    let ub = private_map_userbuf(c.sdkappid, identifier, &room, privileges, expire_at).unwrap();
    assert_eq!(ub, unhex(s(&v, &["v3", "userbuf_hex"])));
    assert_eq!(STANDARD.encode(&ub), s(&v, &["v3", "userbuf_base64"]));

    let pm = parse_private_map_userbuf(&ub).unwrap();
    assert_eq!(
        pm,
        PrivateMap {
            version: 0,
            identifier: identifier.to_owned(),
            sdkappid: c.sdkappid as u32,
            room: room.clone(),
            expire_at: expire_at as u32,
            privileges,
            account_type: 0,
        }
    );

    let key = private_map_key(
        &c.key, c.sdkappid, identifier, &room, privileges, expire, time,
    )
    .unwrap();
    let d = verify(
        &c.key,
        key.expose_secret(),
        &Expected {
            sdkappid: c.sdkappid,
            identifier,
            now: time,
            userbuf: UserbufCheck::Exact(&ub),
        },
    )
    .unwrap();
    assert_eq!(d.sig_base64(), s(&v, &["v3", "sig"]));
    assert_eq!(d.private_map(), Some(Ok(pm)));
    assert_eq!(d.to_json()["TLS.userbuf"], s(&v, &["v3", "userbuf_base64"]));
}

// ---------------------------------------------------------------------------------------------
// Accepting what real generators emit
// ---------------------------------------------------------------------------------------------

#[test]
fn accepts_any_key_order_spacing_and_escapes() {
    let (c, sig) = v1_doc_parts();
    let docs = [
        // reversed order, no spaces
        format!(r#"{{"TLS.sig":"{sig}","TLS.time":1569910200,"TLS.expire":15552000,"TLS.sdkappid":1400000000,"TLS.identifier":"0","TLS.ver":"2.0"}}"#),
        // pretty-printed, trailing newline, CRLF
        format!("{{\r\n  \"TLS.ver\" : \"2.0\",\r\n  \"TLS.identifier\" : \"0\",\r\n  \"TLS.sdkappid\" : 1400000000,\r\n  \"TLS.expire\" : 15552000,\r\n  \"TLS.time\" : 1569910200,\r\n  \"TLS.sig\" : \"{sig}\"\r\n}}\n"),
        // `\/` escapes in the base64 MAC, as PHP's json_encode writes them
        format!(r#"{{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"{}"}}"#, sig.replace('/', "\\/")),
        // numbers as strings (older Java writes TLS.time as a string)
        format!(r#"{{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":"1400000000","TLS.expire":"15552000","TLS.time":"1569910200","TLS.sig":"{sig}"}}"#),
        // \u escapes in the identifier and version
        format!(r#"{{"TLS.ver":"\u0032.0","TLS.identifier":"\u0030","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"{sig}"}}"#),
    ];
    for (i, json) in docs.iter().enumerate() {
        for level in 0..=9 {
            let text = wrap(json, level);
            let d = verify(&c.key, &text, &expected(&c, c.time, UserbufCheck::Absent))
                .unwrap_or_else(|e| panic!("doc {i} level {level}: {e}"));
            assert_v1_fields(&d, &c, &sig);
        }
    }
}

#[test]
fn accepts_escaped_slashes_and_utf8_in_identifiers() {
    let c = common();
    for (id, json_id) in [
        ("a/b", r"a\/b"),
        ("用户", r"\u7528\u6237"),
        ("用户", "用户"),
        ("with space", "with space"),
        ("quote\"back\\slash", r#"quote\"back\\slash"#),
    ] {
        let sig = hmac_b64(
            &c.key_text,
            &content(id, c.sdkappid, c.time, c.expire, None),
        );
        let json = format!(
            r#"{{"TLS.ver": "2.0", "TLS.identifier": "{json_id}", "TLS.sdkappid": {}, "TLS.expire": {}, "TLS.time": {}, "TLS.sig": "{sig}"}}"#,
            c.sdkappid, c.expire, c.time
        );
        let exp = Expected {
            sdkappid: c.sdkappid,
            identifier: id,
            now: c.time,
            userbuf: UserbufCheck::Absent,
        };
        let d = verify(&c.key, &wrap(&json, 6), &exp).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(d.identifier, id);
        // Our own generator agrees.
        let ours = generate(&c.key, c.sdkappid, id, c.expire, c.time);
        assert_eq!(inspect(ours.expose_secret()).unwrap().sig_base64(), sig);
    }
}

#[test]
fn accepts_numeric_identifier_from_loosely_typed_generators() {
    let c = common();
    let sig = hmac_b64(
        &c.key_text,
        &content("12345", c.sdkappid, c.time, c.expire, None),
    );
    let json = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":12345,"TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"{sig}"}}"#
    );
    let exp = Expected {
        sdkappid: c.sdkappid,
        identifier: "12345",
        now: c.time,
        userbuf: UserbufCheck::Absent,
    };
    verify(&c.key, &wrap(&json, 6), &exp).unwrap();
}

#[test]
fn accepts_text_variations_of_the_outer_base64() {
    let v = vectors();
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    let original = s(&v, &["v1", "python_style"]);
    assert!(original.ends_with('_'));
    let standard = original
        .replace('*', "+")
        .replace('-', "/")
        .replace('_', "=");
    let variants = [
        original.trim_end_matches('_').to_owned(),
        format!("  {original}\n"),
        format!("\t{original}\r\n"),
        standard.clone(),
        standard.trim_end_matches('=').to_owned(),
        format!("{original}__"),
    ];
    for t in &variants {
        verify(&c.key, t, &exp).unwrap_or_else(|e| panic!("variant failed: {e}"));
    }
}

#[test]
fn extra_fields_are_kept_in_order() {
    let (c, sig) = v1_doc_parts();
    let json = format!(
        r#"{{"TLS.ver":"2.0","z":1,"TLS.identifier":"0","TLS.sdkappid":1400000000,"a":[true],"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"{sig}","TLS.userbuf":null}}"#
    );
    let d = verify(
        &c.key,
        &wrap(&json, 6),
        &expected(&c, c.time, UserbufCheck::Absent),
    )
    .unwrap();
    assert_eq!(d.userbuf, None);
    assert_eq!(d.extra.keys().collect::<Vec<_>>(), ["z", "a"]);
    let j = d.to_json();
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "TLS.ver",
            "TLS.identifier",
            "TLS.sdkappid",
            "TLS.expire",
            "TLS.time",
            "TLS.sig",
            "z",
            "a"
        ]
    );
    assert_eq!(j["TLS.sdkappid"], 1_400_000_000u64);
    assert_eq!(j["TLS.sig"], sig.as_str());
}

#[test]
fn empty_userbuf_is_present_not_absent() {
    // The official libraries sign an empty but present userbuf as "TLS.userbuf:\n".
    let c = common();
    let sig = generate_with_userbuf(&c.key, c.sdkappid, "0", c.expire, c.time, b"");
    let d = inspect(sig.expose_secret()).unwrap();
    assert_eq!(d.userbuf.as_deref(), Some(&b""[..]));
    assert_eq!(
        d.sig_base64(),
        hmac_b64(
            &c.key_text,
            &content("0", c.sdkappid, c.time, c.expire, Some(""))
        )
    );
    let exp = expected(&c, c.time, UserbufCheck::Exact(b""));
    verify(&c.key, sig.expose_secret(), &exp).unwrap();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    assert_eq!(
        fail(&c.key, sig.expose_secret(), &exp).failure(),
        VerifyFailure::UserbufMismatch
    );
}

// ---------------------------------------------------------------------------------------------
// PrivateMapKey userbuf
// ---------------------------------------------------------------------------------------------

#[test]
fn private_map_string_room() {
    let ub = private_map_userbuf(1_400_000_000, "u", &Room::Str("room-1".into()), 3, 10).unwrap();
    let mut want = vec![1, 0, 1, b'u'];
    want.extend_from_slice(&1_400_000_000u32.to_be_bytes());
    want.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 3, 0, 0, 0, 0, 0, 6]);
    want.extend_from_slice(b"room-1");
    assert_eq!(ub, want);
    let pm = parse_private_map_userbuf(&ub).unwrap();
    assert_eq!(pm.version, 1);
    assert_eq!(pm.room, Room::Str("room-1".into()));
    assert_eq!(pm.privileges, PRIV_CREATE | PRIV_ENTER);
}

#[test]
fn private_map_input_limits() {
    let long = "x".repeat(65_536);
    let max = "x".repeat(65_535);
    let bad = [
        private_map_userbuf(1 << 32, "u", &Room::Numeric(1), 255, 1),
        private_map_userbuf(1, "u", &Room::Numeric(1), 255, 1 << 32),
        private_map_userbuf(1, &long, &Room::Numeric(1), 255, 1),
        private_map_userbuf(1, "u", &Room::Str(long.clone()), 255, 1),
    ];
    for r in bad {
        assert_eq!(r.unwrap_err().failure(), VerifyFailure::InvalidInput);
    }
    let ub = private_map_userbuf(1, &max, &Room::Str(max.clone()), 255, 1).unwrap();
    assert_eq!(
        parse_private_map_userbuf(&ub).unwrap().identifier.len(),
        65_535
    );
    let k = SecretKey::new("k");
    assert_eq!(
        private_map_key(&k, 1, "u", &Room::Numeric(1), 255, 1, u64::MAX)
            .unwrap_err()
            .failure(),
        VerifyFailure::InvalidInput
    );
    assert_eq!(
        private_map_key(&k, 1, "u", &Room::Numeric(1), 255, 1, u64::from(u32::MAX))
            .unwrap_err()
            .failure(),
        VerifyFailure::InvalidInput
    );
}

#[test]
fn private_map_parse_is_strict() {
    let v = vectors();
    let good = unhex(s(&v, &["v3", "userbuf_hex"]));
    for n in 0..good.len() {
        let e = parse_private_map_userbuf(&good[..n]).unwrap_err();
        assert!(malformed_stage(&e).1.contains("truncated"), "{n}");
    }
    let mut long = good.clone();
    long.push(0);
    assert!(
        malformed_stage(&parse_private_map_userbuf(&long).unwrap_err())
            .1
            .contains("unexpected bytes")
    );
    let mut v2 = good.clone();
    v2[0] = 2;
    assert!(
        malformed_stage(&parse_private_map_userbuf(&v2).unwrap_err())
            .1
            .contains("version is 2")
    );
    let mut bad_utf8 = good.clone();
    bad_utf8[3] = 0xff;
    assert!(
        malformed_stage(&parse_private_map_userbuf(&bad_utf8).unwrap_err())
            .1
            .contains("UTF-8")
    );
    // A string room next to a non-zero numeric room id.
    let mut ub = private_map_userbuf(1, "u", &Room::Str("r".into()), 255, 1).unwrap();
    ub[1 + 2 + 1 + 4 + 3] = 7;
    assert!(
        malformed_stage(&parse_private_map_userbuf(&ub).unwrap_err())
            .1
            .contains("numeric room id 7")
    );
    // A plain userbuf is not a PrivateMapKey, and says so.
    let c = common();
    let sig = generate_with_userbuf(&c.key, 1, "0", 1, 1, b"abc");
    assert!(matches!(
        inspect(sig.expose_secret()).unwrap().private_map(),
        Some(Err(_))
    ));
    let sig = generate(&c.key, 1, "0", 1, 1);
    assert!(inspect(sig.expose_secret())
        .unwrap()
        .private_map()
        .is_none());
}

// ---------------------------------------------------------------------------------------------
// Secrets never leak
// ---------------------------------------------------------------------------------------------

#[test]
fn debug_and_errors_never_show_secrets() {
    let v = vectors();
    let c = common();
    let text = s(&v, &["v2", "compact_level6"]);
    let mac = s(&v, &["v2", "sig"]);
    let secrets = [
        c.key_text.as_str(),
        text,
        mac,
        mac.trim_end_matches('='),
        &text[..40],
        &mac[..12],
    ];
    let check = |out: &str| {
        for secret in secrets {
            assert!(!out.contains(secret), "leaked {secret:?} in {out}");
        }
    };

    let d = inspect(text).unwrap();
    check(&format!("{d:?}"));
    check(&format!("{d:#?}"));
    assert!(format!("{d:?}").contains("<redacted>"));

    let wrong_key = SecretKey::new("wrong");
    let exps = [
        expected(&c, c.time, UserbufCheck::Exact(b"abc")),
        Expected {
            sdkappid: 1,
            ..expected(&c, c.time, UserbufCheck::Any)
        },
        Expected {
            identifier: "x",
            ..expected(&c, c.time, UserbufCheck::Any)
        },
        expected(&c, u64::MAX, UserbufCheck::Any),
        expected(&c, c.time, UserbufCheck::Absent),
        expected(&c, c.time, UserbufCheck::Exact(b"x")),
    ];
    let mut errors = Vec::new();
    for exp in &exps {
        errors.push(fail(&wrong_key, text, exp));
        if let Err(e) = verify(&c.key, text, exp) {
            errors.push(e);
        }
    }
    errors.push(fail(&SecretKey::new(""), text, &exps[0]));
    for mangled in [
        text.replace('e', "!"),
        text[..text.len() - 7].to_owned(),
        tls_b64(text.as_bytes()),
        wrap(&format!("[\"{mac}\"]"), 6),
        wrap(&format!("{{\"TLS.ver\":\"{mac}\"}}"), 6),
        wrap(&format!("{{\"TLS.ver\":\"{text}\"}}"), 6),
        wrap(&format!("{{\"{mac}\":1}}"), 6),
        wrap(&format!("{{\"TLS.sig\":\"{mac}\"}}"), 6),
    ] {
        errors.push(fail(&c.key, &mangled, &exps[0]));
    }
    for e in &errors {
        check(&format!("{e:?}"));
        check(&e.to_string());
    }
    assert!(errors
        .iter()
        .any(|e| e.failure() == VerifyFailure::SignatureMismatch));
}

// ---------------------------------------------------------------------------------------------
// Property tests: round trips, and no input panics
// ---------------------------------------------------------------------------------------------

fn same_signed_fields(a: &DecodedUserSig, b: &DecodedUserSig) -> bool {
    a.identifier == b.identifier
        && a.sdkappid == b.sdkappid
        && a.time == b.time
        && a.expire == b.expire
        && a.userbuf == b.userbuf
        && a.sig_base64() == b.sig_base64()
}

fn room_strategy() -> impl Strategy<Value = Room> {
    prop_oneof![
        any::<u32>().prop_map(Room::Numeric),
        ".{0,40}".prop_map(Room::Str),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn roundtrip(
        key in "[ -~]{1,64}",
        sdkappid in any::<u64>(),
        identifier in ".{0,40}",
        time in any::<u64>(),
        expire in any::<u64>(),
        userbuf in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..64)),
    ) {
        let key = SecretKey::new(key);
        let sig = match &userbuf {
            Some(b) => generate_with_userbuf(&key, sdkappid, &identifier, expire, time, b),
            None => generate(&key, sdkappid, &identifier, expire, time),
        };
        let check = match &userbuf {
            Some(b) => UserbufCheck::Exact(b),
            None => UserbufCheck::Absent,
        };
        let exp = Expected { sdkappid, identifier: &identifier, now: time, userbuf: check };
        let d = verify(&key, sig.expose_secret(), &exp).unwrap();
        prop_assert_eq!(&d.identifier, &identifier);
        prop_assert_eq!(d.sdkappid, sdkappid);
        prop_assert_eq!(d.time, time);
        prop_assert_eq!(d.expire, expire);
        prop_assert_eq!(&d.userbuf, &userbuf);
        prop_assert_eq!(d.expires_at(), time.saturating_add(expire));
        let other = SecretKey::new(format!("{}x", key.expose_secret()));
        prop_assert_eq!(
            verify(&other, sig.expose_secret(), &exp).unwrap_err().failure(),
            VerifyFailure::SignatureMismatch
        );
    }

    #[test]
    fn private_map_roundtrip(
        sdkappid in any::<u32>(),
        identifier in ".{0,40}",
        room in room_strategy(),
        privileges in any::<u32>(),
        expire_at in any::<u32>(),
    ) {
        let ub = private_map_userbuf(sdkappid.into(), &identifier, &room, privileges, expire_at.into()).unwrap();
        let pm = parse_private_map_userbuf(&ub).unwrap();
        prop_assert_eq!(pm, PrivateMap {
            version: u8::from(matches!(room, Room::Str(_))),
            identifier,
            sdkappid,
            room,
            expire_at,
            privileges,
            account_type: 0,
        });
    }

    #[test]
    fn random_text_never_panics(text in ".{0,300}") {
        let key = SecretKey::new("k");
        let exp = Expected { sdkappid: 1, identifier: "0", now: 0, userbuf: UserbufCheck::Any };
        let _ = inspect(&text);
        prop_assert!(verify(&key, &text, &exp).is_err());
    }

    #[test]
    fn random_tls_base64_never_panics(text in "[A-Za-z0-9*_+/=-]{0,300}") {
        let _ = inspect(&text);
        let _ = inspect(&format!("eJ{text}"));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = inspect(&String::from_utf8_lossy(&bytes));
        let _ = inspect(&tls_b64(&bytes));
        // Random bytes behind a valid zlib header reach the inflater.
        let mut z = vec![0x78, 0x9c];
        z.extend_from_slice(&bytes);
        let _ = inspect(&tls_b64(&z));
        // And random documents reach the JSON parser.
        let _ = inspect(&tls_b64(&zlib(&bytes, 6)));
        let _ = parse_private_map_userbuf(&bytes);
    }

    #[test]
    fn bit_flips_in_the_text(pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let c = common();
        let v = vectors();
        let text = s(&v, &["v2", "compact_level6"]);
        let original = inspect(text).unwrap();
        let mut bytes = text.as_bytes().to_vec();
        let i = pos.index(bytes.len());
        bytes[i] ^= 1 << bit;
        let mutated = String::from_utf8_lossy(&bytes);
        let exp = expected(&c, c.time, UserbufCheck::Any);
        // An accepted mutant (e.g. `_` flipped to a byte that trims away) must carry the very
        // same signed fields.
        if let Ok(d) = verify(&c.key, &mutated, &exp) {
            prop_assert!(same_signed_fields(&d, &original));
        }
    }

    #[test]
    fn bit_flips_in_the_zlib_stream(pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let c = common();
        let v = vectors();
        let text = s(&v, &["v1", "python_style"]);
        let original = inspect(text).unwrap();
        let mut z = tls_unb64(text);
        let i = pos.index(z.len());
        z[i] ^= 1 << bit;
        let exp = expected(&c, c.time, UserbufCheck::Any);
        if let Ok(d) = verify(&c.key, &tls_b64(&z), &exp) {
            prop_assert!(same_signed_fields(&d, &original));
        }
    }

    #[test]
    fn bit_flips_in_the_json(pos in any::<prop::sample::Index>(), bit in 0u8..8) {
        let c = common();
        let v = vectors();
        let text = s(&v, &["v2", "compact_level6"]);
        let original = inspect(text).unwrap();
        let mut json = unzlib(&tls_unb64(text));
        let i = pos.index(json.len());
        json[i] ^= 1 << bit;
        let exp = expected(&c, c.time, UserbufCheck::Any);
        if let Ok(d) = verify(&c.key, &tls_b64(&zlib(&json, 6)), &exp) {
            prop_assert!(same_signed_fields(&d, &original));
        }
    }

    #[test]
    fn bit_flips_in_private_map(pos in any::<prop::sample::Index>(), bit in 0u8..8, cut in any::<prop::sample::Index>()) {
        let ub = private_map_userbuf(1_400_000_000, "用户", &Room::Str("r00m".into()), 255, 1_715_552_000).unwrap();
        let mut m = ub.clone();
        let i = pos.index(m.len());
        m[i] ^= 1 << bit;
        let _ = parse_private_map_userbuf(&m);
        let n = cut.index(m.len());
        let _ = parse_private_map_userbuf(&m[..n]);
    }
}
