//! UserSig: every negative case, each failure reported with its own check, in the order the
//! service checks. (The vectors and accepted forms are in tests/usersig.rs.)

// Each file uses its own subset of the shared helpers.
#![allow(dead_code)]

include!("common/usersig_helpers.rs");

// ---------------------------------------------------------------------------------------------
// Negative cases
// ---------------------------------------------------------------------------------------------

#[test]
fn wrong_sdkappid() {
    let v = vectors();
    let c = common();
    let mut exp = expected(&c, c.time, UserbufCheck::Absent);
    exp.sdkappid = 1_400_000_001;
    let e = fail(&c.key, s(&v, &["v1", "compact_level6"]), &exp);
    assert_eq!(e.failure(), VerifyFailure::SdkAppIdMismatch);
    assert_eq!(
        e,
        UserSigError::SdkAppIdMismatch {
            expected: 1_400_000_001,
            found: 1_400_000_000
        }
    );
    assert_eq!(
        e.to_string(),
        "UserSig is for SDKAppID 1400000000, expected 1400000001"
    );
}

#[test]
fn wrong_identifier() {
    let v = vectors();
    let c = common();
    let mut exp = expected(&c, c.time, UserbufCheck::Absent);
    exp.identifier = "administrator";
    let e = fail(&c.key, s(&v, &["v1", "compact_level6"]), &exp);
    assert_eq!(e.failure(), VerifyFailure::IdentifierMismatch);
    assert!(e.to_string().contains("\"administrator\""));
}

#[test]
fn expiry_boundary() {
    let v = vectors();
    let c = common();
    let text = s(&v, &["v1", "compact_level6"]);
    let last = c.time + c.expire;
    verify(&c.key, text, &expected(&c, last, UserbufCheck::Absent)).unwrap();
    let e = fail(&c.key, text, &expected(&c, last + 1, UserbufCheck::Absent));
    assert_eq!(e.failure(), VerifyFailure::Expired);
    assert_eq!(
        e.to_string(),
        "UserSig expired at 1585462200 (2020-03-29T06:10:00Z), 1 s before now"
    );
}

#[test]
fn wrong_key() {
    let v = vectors();
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    for key in [
        "6bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e",
        "x",
    ] {
        let e = fail(&SecretKey::new(key), s(&v, &["v1", "compact_level6"]), &exp);
        assert_eq!(e.failure(), VerifyFailure::SignatureMismatch);
        assert!(e.to_string().contains("secret key"));
    }
}

#[test]
fn empty_key_is_refused() {
    let c = common();
    // A UserSig signed with an empty key must not be accepted by a verifier with an empty key.
    let sig = generate(&SecretKey::new(""), c.sdkappid, "0", c.expire, c.time);
    let e = fail(
        &SecretKey::new(""),
        sig.expose_secret(),
        &expected(&c, c.time, UserbufCheck::Absent),
    );
    assert_eq!(e.failure(), VerifyFailure::InvalidInput);
}

#[test]
fn altered_fields_fail_the_signature() {
    let (c, sig) = v1_doc_parts();
    // Extending the validity without the key must fail.
    let json = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1400000000,"TLS.expire":99999999,"TLS.time":1569910200,"TLS.sig":"{sig}"}}"#
    );
    let e = fail(
        &c.key,
        &wrap(&json, 6),
        &expected(&c, c.time, UserbufCheck::Absent),
    );
    assert_eq!(e.failure(), VerifyFailure::SignatureMismatch);
    // Adding a userbuf that the MAC does not cover.
    let json = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.userbuf":"YWJj","TLS.sig":"{sig}"}}"#
    );
    let e = fail(
        &c.key,
        &wrap(&json, 6),
        &expected(&c, c.time, UserbufCheck::Any),
    );
    assert_eq!(e.failure(), VerifyFailure::SignatureMismatch);
}

#[test]
fn tls_sig_not_base64_is_a_signature_mismatch() {
    let c = common();
    for bad in [
        "not base64!",
        "",
        "CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJ",
        "AAAA",
    ] {
        let json = format!(
            r#"{{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"{bad}"}}"#
        );
        let text = wrap(&json, 6);
        // inspect still shows the document.
        assert_eq!(inspect(&text).unwrap().sig_base64(), bad);
        let e = fail(&c.key, &text, &expected(&c, c.time, UserbufCheck::Absent));
        assert_eq!(e.failure(), VerifyFailure::SignatureMismatch, "{bad}");
    }
    // Missing padding on TLS.sig is tolerated: the MAC bytes are the same.
    let sig = hmac_b64(
        &c.key_text,
        &content("0", c.sdkappid, c.time, c.expire, None),
    );
    let json = format!(
        r#"{{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1400000000,"TLS.expire":15552000,"TLS.time":1569910200,"TLS.sig":"{}"}}"#,
        sig.trim_end_matches('=')
    );
    verify(
        &c.key,
        &wrap(&json, 6),
        &expected(&c, c.time, UserbufCheck::Absent),
    )
    .unwrap();
}

#[test]
fn userbuf_expected_but_absent() {
    let v = vectors();
    let c = common();
    let e = fail(
        &c.key,
        s(&v, &["v1", "compact_level6"]),
        &expected(&c, c.time, UserbufCheck::Exact(b"abc")),
    );
    assert_eq!(e.failure(), VerifyFailure::UserbufMismatch);
    assert!(e.to_string().contains("has none"));
}

#[test]
fn unexpected_userbuf() {
    let v = vectors();
    let c = common();
    let e = fail(
        &c.key,
        s(&v, &["v2", "compact_level6"]),
        &expected(&c, c.time, UserbufCheck::Absent),
    );
    assert_eq!(e.failure(), VerifyFailure::UserbufMismatch);
    assert!(e.to_string().contains("unexpected userbuf"));
}

#[test]
fn different_userbuf() {
    let v = vectors();
    let c = common();
    let e = fail(
        &c.key,
        s(&v, &["v2", "compact_level6"]),
        &expected(&c, c.time, UserbufCheck::Exact(b"abd")),
    );
    assert_eq!(e.failure(), VerifyFailure::UserbufMismatch);
    assert!(e.to_string().contains("differs"));
}

#[test]
fn check_order_is_sdkappid_identifier_expiry_userbuf_signature() {
    let v = vectors();
    let c = common();
    let text = s(&v, &["v2", "compact_level6"]);
    let wrong_key = SecretKey::new("wrong");
    let all_wrong = Expected {
        sdkappid: 1,
        identifier: "x",
        now: u64::MAX,
        userbuf: UserbufCheck::Absent,
    };
    assert_eq!(
        fail(&wrong_key, text, &all_wrong).failure(),
        VerifyFailure::SdkAppIdMismatch
    );
    let exp = Expected {
        sdkappid: c.sdkappid,
        ..all_wrong
    };
    assert_eq!(
        fail(&wrong_key, text, &exp).failure(),
        VerifyFailure::IdentifierMismatch
    );
    let exp = Expected {
        identifier: "0",
        ..exp
    };
    assert_eq!(
        fail(&wrong_key, text, &exp).failure(),
        VerifyFailure::Expired
    );
    let exp = Expected { now: c.time, ..exp };
    assert_eq!(
        fail(&wrong_key, text, &exp).failure(),
        VerifyFailure::UserbufMismatch
    );
    let exp = Expected {
        userbuf: UserbufCheck::Exact(b"abc"),
        ..exp
    };
    assert_eq!(
        fail(&wrong_key, text, &exp).failure(),
        VerifyFailure::SignatureMismatch
    );
    verify(&c.key, text, &exp).unwrap();
}

#[test]
fn not_base64() {
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    for t in ["eJy!rVgrx", "eJy rVgrx", "A", "eJyr_Vgr", "用户"] {
        let e = fail(&c.key, t, &exp);
        assert_eq!(e.failure(), VerifyFailure::Malformed, "{t}");
        let (stage, detail) = malformed_stage(&e);
        assert_eq!(stage, MalformedStage::Base64, "{t}: {detail}");
        assert!(detail.starts_with("not base64"), "{detail}");
    }
}

#[test]
fn not_zlib() {
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    let (_, sig) = v1_doc_parts();
    let json = format!(r#"{{"TLS.ver":"2.0","TLS.sig":"{sig}"}}"#);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(json.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let mut raw = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    raw.write_all(json.as_bytes()).unwrap();
    let raw = raw.finish().unwrap();
    let mut trailing = zlib(json.as_bytes(), 6);
    trailing.extend_from_slice(b"garbage");
    for (what, bytes) in [
        ("plain JSON", json.as_bytes().to_vec()),
        ("gzip", gz),
        ("raw deflate", raw),
        ("trailing", trailing),
        ("one byte", vec![0x78]),
    ] {
        let e = fail(&c.key, &tls_b64(&bytes), &exp);
        let (stage, detail) = malformed_stage(&e);
        assert_eq!(stage, MalformedStage::Zlib, "{what}: {detail}");
    }
}

#[test]
fn not_json() {
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    for (doc, want_stage, want) in [
        ("TLS.ver=2.0", MalformedStage::Json, "not JSON"),
        ("[1,2]", MalformedStage::Json, "not an object"),
        ("\"eJy\"", MalformedStage::Json, "not an object"),
        (r#"{"TLS.ver":"2.0""#, MalformedStage::Json, "not JSON"),
        (r#"{"TLS.ver":"2.0"} x"#, MalformedStage::Json, "not JSON"),
        ("\u{feff}{}", MalformedStage::Json, "not JSON"),
    ] {
        let e = fail(&c.key, &wrap(doc, 6), &exp);
        let (stage, detail) = malformed_stage(&e);
        assert_eq!(stage, want_stage, "{doc}");
        assert!(detail.contains(want), "{doc}: {detail}");
    }
    // Invalid UTF-8 inside the zlib stream.
    let e = fail(&c.key, &tls_b64(&zlib(b"{\"a\":\"\xff\"}", 6)), &exp);
    assert_eq!(malformed_stage(&e).0, MalformedStage::Json);
}

#[test]
fn missing_and_mistyped_fields() {
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    let full = [
        ("TLS.ver", r#""2.0""#),
        ("TLS.identifier", r#""0""#),
        ("TLS.sdkappid", "1400000000"),
        ("TLS.expire", "15552000"),
        ("TLS.time", "1569910200"),
        (
            "TLS.sig",
            r#""CpjuBdQs9ZwnuGAJR8onoOeI9fweX2vIMMY94iOJWJY=""#,
        ),
    ];
    let doc = |skip: &str, replace: Option<(&str, &str)>| {
        let body: Vec<String> = full
            .iter()
            .filter(|(k, _)| *k != skip)
            .map(|(k, v)| match replace {
                Some((rk, rv)) if rk == *k => format!(r#""{k}":{rv}"#),
                _ => format!(r#""{k}":{v}"#),
            })
            .collect();
        format!("{{{}}}", body.join(","))
    };
    verify(&c.key, &wrap(&doc("", None), 6), &exp).unwrap();
    for (k, _) in full {
        let e = fail(&c.key, &wrap(&doc(k, None), 6), &exp);
        let (stage, detail) = malformed_stage(&e);
        assert_eq!(stage, MalformedStage::Field);
        assert_eq!(detail, format!("{k} is missing"));
    }
    for (k, bad, want) in [
        (
            "TLS.sdkappid",
            "-1",
            "TLS.sdkappid is not an unsigned integer",
        ),
        ("TLS.time", "1.5", "TLS.time is not an unsigned integer"),
        ("TLS.time", "1e9", "TLS.time is not an unsigned integer"),
        (
            "TLS.expire",
            r#""12a""#,
            "TLS.expire is not an unsigned integer",
        ),
        (
            "TLS.expire",
            r#""""#,
            "TLS.expire is not an unsigned integer",
        ),
        (
            "TLS.expire",
            "null",
            "TLS.expire is not an unsigned integer",
        ),
        (
            "TLS.time",
            r#""99999999999999999999""#,
            "TLS.time is too large for 64 bits",
        ),
        (
            "TLS.time",
            "99999999999999999999",
            "TLS.time is not an unsigned integer",
        ),
        ("TLS.identifier", "[]", "TLS.identifier is not a string"),
        ("TLS.identifier", "1.5", "TLS.identifier is not a string"),
        ("TLS.sig", "7", "TLS.sig is not a string"),
        ("TLS.ver", "2.0", "TLS.ver is not a string"),
    ] {
        let e = fail(&c.key, &wrap(&doc("", Some((k, bad))), 6), &exp);
        let (stage, detail) = malformed_stage(&e);
        assert_eq!(stage, MalformedStage::Field);
        assert_eq!(detail, want);
    }
    let e = fail(
        &c.key,
        &wrap(&doc("", Some(("TLS.ver", r#""1.0""#))), 6),
        &exp,
    );
    assert!(malformed_stage(&e).1.contains("only \"2.0\""));
    let v1 = r#"{"TLS.account_type":"0","TLS.identifier":"0","TLS.appid_at_3rd":"0","TLS.sdk_appid":"1400000000","TLS.expire_after":"180","TLS.version":"201512300000","TLS.time":"1569910200","TLS.sig":"MEUCIQ"}"#;
    let e = fail(&c.key, &wrap(v1, 6), &exp);
    assert!(malformed_stage(&e).1.contains("version 1"));
    // A userbuf that is not base64.
    let json = r#"{"TLS.ver":"2.0","TLS.identifier":"0","TLS.sdkappid":1,"TLS.expire":1,"TLS.time":1,"TLS.userbuf":"*-_","TLS.sig":""}"#;
    let (stage, detail) = malformed_stage(&inspect(&wrap(json, 6)).unwrap_err());
    assert_eq!(stage, MalformedStage::Field);
    assert!(detail.starts_with("TLS.userbuf is not base64"), "{detail}");
}

#[test]
fn empty_input() {
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Absent);
    for t in ["", " ", "\n\t\r\n"] {
        let e = fail(&c.key, t, &exp);
        assert_eq!(e.failure(), VerifyFailure::Malformed);
        assert_eq!(malformed_stage(&e).0, MalformedStage::Empty);
    }
    // Only padding: decodes to nothing, which is not a zlib stream.
    assert_eq!(
        malformed_stage(&inspect("__").unwrap_err()).0,
        MalformedStage::Zlib
    );
}

#[test]
fn truncated_at_every_length() {
    let v = vectors();
    let c = common();
    let exp = expected(&c, c.time, UserbufCheck::Any);
    for form in [
        &["v1", "compact_level6"][..],
        &["v1", "python_style"],
        &["v1", "level0"],
        &["v2", "compact_level6"],
    ] {
        let text = s(&v, form);
        let data_len = text.trim_end_matches('_').len();
        for n in 0..text.len() {
            let r = verify(&c.key, &text[..n], &exp);
            if n < data_len {
                let e = r.expect_err("a truncated UserSig must not verify");
                assert_eq!(e.failure(), VerifyFailure::Malformed, "{form:?} at {n}");
            } else {
                r.expect("only padding removed");
            }
        }
    }
}

#[test]
fn decompression_bomb_is_refused() {
    let c = common();
    let big = format!(
        r#"{{"TLS.ver":"2.0","pad":"{}"}}"#,
        "A".repeat(10 * 1024 * 1024)
    );
    let text = wrap(&big, 9);
    assert!(text.len() < 40_000);
    let e = fail(&c.key, &text, &expected(&c, c.time, UserbufCheck::Absent));
    let (stage, detail) = malformed_stage(&e);
    assert_eq!(stage, MalformedStage::Zlib);
    assert!(detail.contains("more than 65536 bytes"), "{detail}");
}
