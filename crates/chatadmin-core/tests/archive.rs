//! The hourly message archive (`open_msg_svc/get_history`'s files): the page's two samples,
//! the writer's layout, the fallbacks, and every way a download can be broken.

use std::io::Write;

use chatadmin_core::api::msg_body::MsgElement;
use chatadmin_core::api::operation::HistoryFile;
use chatadmin_core::archive::{
    self, open_gzip, ArchiveHeader, ArchiveReader, ArchivedMsg, Layer, Verified,
};
use chatadmin_core::{Error, ErrorKind};

const C2C: &str = include_str!("data/archive/c2c_2015120121.json");
const GROUP: &str = include_str!("data/archive/group_2015120121.json");

fn read_all(text: &[u8]) -> Result<(ArchiveHeader, Vec<ArchivedMsg>), Error> {
    let mut r = ArchiveReader::new(text)?;
    let msgs = r.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok((r.header().clone(), msgs))
}

fn gzip(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

fn file_of(json: &[u8], gz: &[u8]) -> HistoryFile {
    HistoryFile {
        file_size: json.len() as u64,
        file_md5: archive::md5_hex(json),
        gzip_size: gz.len() as u64,
        gzip_md5: archive::md5_hex(gz),
        ..Default::default()
    }
}

fn read_gz(gz: &[u8], file: Option<&HistoryFile>) -> Result<Vec<ArchivedMsg>, Error> {
    let mut r = open_gzip(gz, file)?;
    r.by_ref().collect()
}

fn c2c_expected() -> Vec<ArchivedMsg> {
    vec![
        ArchivedMsg::c2c(
            "peakerdong",
            "qiyueliuhuo2018",
            1448974806,
            3452069198,
            45838,
            vec![MsgElement::text("Quartering")],
        ),
        ArchivedMsg::c2c(
            "group_root",
            "group_test4",
            1448974808,
            462709847,
            19196437,
            vec![MsgElement::text("hi, beauty")],
        ),
    ]
}

#[test]
fn the_pages_one_to_one_sample_reads_line_by_line() {
    let (h, msgs) = read_all(C2C.as_bytes()).unwrap();
    assert_eq!(h, ArchiveHeader::new(1104620500, "C2C", "2015120121"));
    assert_eq!(msgs, c2c_expected());
    assert!(msgs
        .iter()
        .all(|m| m.extra.is_empty() && m.group_id.is_none()));
}

#[test]
fn the_pages_group_sample_reads_line_by_line() {
    let (h, msgs) = read_all(GROUP.as_bytes()).unwrap();
    assert_eq!(h.chat_type, "Group");
    assert_eq!(msgs.len(), 2);
    let m = ArchivedMsg::group(
        "Test_1",
        "@TGS#1FDFVPAE2",
        1448975384,
        1,
        vec![MsgElement::text("Private activate")],
    );
    assert_eq!(msgs, vec![m.clone(), m]);
    assert_eq!(msgs[0].msg_random, None);
    assert_eq!(msgs[0].to_account, None);
}

#[test]
fn the_writer_renders_the_samples_byte_for_byte() {
    for sample in [C2C, GROUP] {
        let (h, msgs) = read_all(sample.as_bytes()).unwrap();
        let out = archive::render(&h, &msgs);
        assert_eq!(String::from_utf8(out).unwrap(), sample);
    }
}

#[test]
fn an_empty_list_round_trips() {
    let h = ArchiveHeader::new(1400000000, "Group", "2024022923");
    let out = archive::render(&h, []);
    assert_eq!(
        String::from_utf8(out.clone()).unwrap(),
        "{\"SdkAppId\":1400000000,\"ChatType\":\"Group\",\"MsgTime\":\"2024022923\",\"MsgList\":[\n]}\n"
    );
    let (h2, msgs) = read_all(&out).unwrap();
    assert_eq!((h2, msgs.len()), (h, 0));
    // Also as one document, and with a null list.
    for doc in [
        r#"{"SdkAppId":1,"ChatType":"C2C","MsgTime":"2015120121","MsgList":[]}"#,
        r#"{"SdkAppId":1,"ChatType":"C2C","MsgTime":"2015120121","MsgList":null}"#,
    ] {
        let (h, msgs) = read_all(doc.as_bytes()).unwrap();
        assert_eq!((h.sdk_app_id, msgs.len()), (1, 0), "{doc}");
    }
}

#[test]
fn other_layouts_fall_back_to_the_whole_document() {
    let v: serde_json::Value = serde_json::from_str(C2C).unwrap();
    let one_line = serde_json::to_vec(&v).unwrap();
    let pretty = serde_json::to_vec_pretty(&v).unwrap();
    // The first message on the header's line, and the closing on the last message's line.
    let squeezed = C2C.replacen("[\n", "[", 1).replace("}\n]}", "}]}");
    for doc in [one_line, pretty, squeezed.into_bytes()] {
        let (h, msgs) = read_all(&doc).unwrap();
        assert_eq!(h.msg_time, "2015120121");
        assert_eq!(msgs, c2c_expected(), "{}", String::from_utf8_lossy(&doc));
    }
}

#[test]
fn the_closing_may_share_the_last_messages_line() {
    let text = C2C.replace("}\n]}", "}]}");
    assert_ne!(text, C2C);
    let lines_before = text.lines().count();
    assert_eq!(lines_before, 3);
    let (_, msgs) = read_all(text.as_bytes()).unwrap();
    assert_eq!(msgs, c2c_expected());
}

#[test]
fn unknown_fields_are_kept_and_numbers_read_leniently() {
    let text = "{\"SdkAppId\":\"1104620500\",\"ChatType\":\"C2C\",\"MsgTime\":\"2015120121\",\"Region\":\"sg\",\"MsgList\":[\n\
        {\"From_Account\":\"a\",\"To_Account\":\"b\",\"MsgTimestamp\":\"1448974806\",\"MsgSeq\":\"9\",\"MsgRandom\":7,\"MsgBody\":[{\"MsgType\":\"TIMNewElem\",\"MsgContent\":{\"X\":1}}],\"CloudCustomData\":\"cc\"}\n]}\n";
    let (h, msgs) = read_all(text.as_bytes()).unwrap();
    assert_eq!(h.sdk_app_id, 1104620500);
    assert_eq!(h.extra["Region"], "sg");
    assert!(!h.extra.contains_key("MsgList"));
    let m = &msgs[0];
    assert_eq!(
        (m.msg_timestamp, m.msg_seq, m.msg_random),
        (1448974806, 9, Some(7))
    );
    assert_eq!(m.extra["CloudCustomData"], "cc");
    assert!(matches!(m.msg_body[0], MsgElement::Other(_)));
    // Nothing is lost: written again, the message is the same JSON.
    let again = serde_json::to_value(m).unwrap();
    assert_eq!(again["CloudCustomData"], "cc");
    assert_eq!(again["MsgBody"][0]["MsgType"], "TIMNewElem");
}

#[test]
fn a_gzip_download_verifies_all_four_sums() {
    let gz = gzip(C2C.as_bytes());
    let file = file_of(C2C.as_bytes(), &gz);
    assert_eq!(read_gz(&gz, Some(&file)).unwrap(), c2c_expected());
    assert_eq!(read_gz(&gz, None).unwrap(), c2c_expected());

    let (gz2, file2) = archive::build_gzip(
        &ArchiveHeader::new(1104620500, "C2C", "2015120121"),
        &c2c_expected(),
    )
    .unwrap();
    assert_eq!(file2.file_size, C2C.len() as u64);
    assert_eq!(file2.file_md5, archive::md5_hex(C2C.as_bytes()));
    assert_eq!(read_gz(&gz2, Some(&file2)).unwrap(), c2c_expected());
}

fn decode_error_naming(r: Result<Vec<ArchivedMsg>, Error>, field: &str) {
    let e = r.expect_err(field);
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    assert!(e.to_string().contains(field), "{field}: {e}");
}

#[test]
fn each_wrong_sum_is_named() {
    let gz = gzip(C2C.as_bytes());
    let good = file_of(C2C.as_bytes(), &gz);
    let bad = |f: fn(&mut HistoryFile)| {
        let mut h = good.clone();
        f(&mut h);
        read_gz(&gz, Some(&h))
    };
    decode_error_naming(
        bad(|h| h.gzip_md5 = "00000000000000000000000000000000".into()),
        "GzipMD5",
    );
    decode_error_naming(bad(|h| h.gzip_size += 1), "GzipSize");
    decode_error_naming(bad(|h| h.gzip_size -= 1), "GzipSize");
    decode_error_naming(
        bad(|h| h.file_md5 = "cceece008bb7f469a47cf8c4b7acb84e".into()),
        "FileMD5",
    );
    decode_error_naming(bad(|h| h.file_size += 10), "FileSize");
    // MD5s in capitals are the same MD5s.
    let mut upper = good.clone();
    upper.gzip_md5 = upper.gzip_md5.to_uppercase();
    upper.file_md5 = upper.file_md5.to_uppercase();
    assert_eq!(read_gz(&gz, Some(&upper)).unwrap().len(), 2);
}

#[test]
fn a_corrupted_byte_is_a_gzip_md5_error() {
    let gz = gzip(C2C.as_bytes());
    let file = file_of(C2C.as_bytes(), &gz);
    // Flip a byte of the stored file name-less header's mtime field: still valid gzip.
    let mut bad = gz.clone();
    bad[4] ^= 0xff;
    decode_error_naming(read_gz(&bad, Some(&file)), "GzipMD5");
    // A byte of the compressed data: the decoder or the MD5 refuses it, never a panic.
    let mut bad = gz.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 0x55;
    let e = read_gz(&bad, Some(&file)).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
}

#[test]
fn truncated_files_are_errors() {
    let gz = gzip(C2C.as_bytes());
    let file = file_of(C2C.as_bytes(), &gz);
    for cut in [1, 8, gz.len() / 2, gz.len() - 4] {
        let short = &gz[..gz.len() - cut];
        decode_error_naming(read_gz(short, Some(&file)), "GzipSize");
        let e = read_gz(short, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{cut}: {e}");
    }
    // A complete gzip of a JSON text cut short: the closing `]}` is missing.
    let cut_json = &C2C[..C2C.len() - 4];
    let e = read_all(cut_json.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
    let e = read_gz(&gzip(cut_json.as_bytes()), None).unwrap_err();
    assert!(e.to_string().contains("truncated"), "{e}");
    // Cut inside a message line.
    let cut_line = &C2C[..C2C.find("hi, beauty").unwrap()];
    let e = read_all(cut_line.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("line 3"), "{e}");
    // Cut to nothing.
    let e = read_all(b"").unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
}

#[test]
fn a_body_that_is_not_gzip_is_an_error() {
    for body in [
        &b"<html><body>403 Forbidden</body></html>"[..],
        C2C.as_bytes(),
        b"",
    ] {
        let e = read_gz(body, None).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{e}");
    }
    let e = read_gz(b"<?xml version=\"1.0\"?><Error>AccessDenied</Error>", None).unwrap_err();
    assert!(e.to_string().contains("gzip"), "{e}");
}

#[test]
fn broken_lines_and_trailing_data_are_errors() {
    let bad_line = C2C.replacen("\"MsgSeq\":462709847", "\"MsgSeq\":[]", 1);
    let e = read_all(bad_line.as_bytes()).unwrap_err();
    assert!(
        e.to_string().contains("line 3") && e.to_string().contains("MsgSeq"),
        "{e}"
    );
    let mut r = ArchiveReader::new(bad_line.as_bytes()).unwrap();
    assert!(r.next().unwrap().is_ok());
    assert!(r.next().unwrap().is_err());
    assert!(r.next().is_none(), "the first error ends the iteration");

    let trailing = format!("{C2C}garbage\n");
    let e = read_all(trailing.as_bytes()).unwrap_err();
    assert!(e.to_string().contains("after the closing"), "{e}");
    // Trailing whitespace is fine.
    assert_eq!(
        read_all(format!("{C2C}\n\n  ").as_bytes()).unwrap().1.len(),
        2
    );

    for not_archive in ["[1,2]", "{\"SdkAppId\":", "hello"] {
        let e = read_all(not_archive.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Decode, "{not_archive}: {e}");
    }
}

#[test]
fn the_writer_side_checks_too() {
    let gz = gzip(C2C.as_bytes());
    let file = file_of(C2C.as_bytes(), &gz);
    let mut w = Verified::new(Vec::new(), Some(Layer::Gzip.expected(&file)));
    w.write_all(&gz).unwrap();
    assert_eq!(w.tally().md5_hex(), file.gzip_md5);
    assert_eq!(w.finish().unwrap(), gz);

    let mut w = Verified::new(Vec::new(), Some(Layer::Gzip.expected(&file)));
    w.write_all(&gz[..10]).unwrap();
    let e = w.finish().unwrap_err();
    assert!(e.to_string().contains("GzipSize"), "{e}");

    let mut w = Verified::new(Vec::new(), Some(Layer::Gzip.expected(&file)));
    let e = w
        .write_all(&[gz.clone(), b"x".to_vec()].concat())
        .unwrap_err();
    assert!(e.to_string().contains("GzipSize"), "{e}");
}

#[test]
fn many_messages_stream_through() {
    let h = ArchiveHeader::new(1400000000, "C2C", "2024010112");
    let msgs: Vec<ArchivedMsg> = (0..5000u64)
        .map(|i| {
            ArchivedMsg::c2c(
                format!("u{}", i % 17),
                format!("v{}", i % 13),
                1704081600 + i % 3600,
                i,
                i * 7,
                vec![MsgElement::text(format!(
                    "message {i}, with \"quotes\"\nand a newline"
                ))],
            )
        })
        .collect();
    let (gz, file) = archive::build_gzip(&h, &msgs).unwrap();
    let mut r = open_gzip(&gz[..], Some(&file)).unwrap();
    let mut n = 0;
    for (m, want) in r.by_ref().zip(&msgs) {
        assert_eq!(&m.unwrap(), want);
        n += 1;
    }
    assert!(r.next().is_none());
    assert_eq!((n, r.messages_read()), (5000, 5000));
}
