//! Mailing the digest to a minimal SMTP sink on 127.0.0.1 (written here: it speaks
//! EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP and QUIT, and keeps what it received).

mod common;

use common::*;
use newsdesk_digest::{build_digest, send, DigestOptions, SmtpError, SmtpSettings, TlsMode};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the sink received over one connection.
#[derive(Debug, Default)]
struct Received {
    commands: Vec<String>,
    data: Vec<u8>,
}

/// Starts a sink that serves one connection; its port and the handle to its result.
fn start_sink() -> (u16, JoinHandle<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let handle = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        serve(stream)
    });
    (port, handle)
}

fn serve(stream: TcpStream) -> Received {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut out = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    let mut received = Received::default();
    out.write_all(b"220 sink.test ESMTP ready\r\n").unwrap();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        received.commands.push(command);
        match verb.as_str() {
            "EHLO" => out
                .write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 AUTH PLAIN LOGIN\r\n")
                .unwrap(),
            "AUTH" => out.write_all(b"235 authenticated\r\n").unwrap(),
            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => out.write_all(b"250 OK\r\n").unwrap(),
            "DATA" => {
                out.write_all(b"354 end data with <CR><LF>.<CR><LF>\r\n")
                    .unwrap();
                loop {
                    let mut data_line = Vec::new();
                    if reader.read_until(b'\n', &mut data_line).unwrap() == 0 {
                        panic!("connection closed inside DATA");
                    }
                    if data_line == b".\r\n" {
                        break;
                    }
                    // Undo dot-stuffing.
                    let start = usize::from(data_line.starts_with(b".."));
                    received.data.extend_from_slice(&data_line[start..]);
                }
                out.write_all(b"250 OK queued\r\n").unwrap();
            }
            "QUIT" => {
                out.write_all(b"221 bye\r\n").unwrap();
                break;
            }
            _ => out.write_all(b"502 command not implemented\r\n").unwrap(),
        }
    }
    received
}

fn settings(port: u16) -> SmtpSettings {
    SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        user: None,
        password: None,
        from: "newsdesk <digest@newsdesk.test>".into(),
        to: vec![
            "desk@newsdesk.test".into(),
            "Editor <editor@newsdesk.test>".into(),
        ],
        tls: TlsMode::None,
        timeout: Duration::from_secs(10),
    }
}

#[test]
fn digest_is_delivered_to_the_sink_with_both_parts() {
    let digest = build_digest(
        DAY,
        &all_stories(),
        &DigestOptions {
            title: Some("Täglicher Überblick — 2026-03-02".into()),
            ..DigestOptions::default()
        },
    )
    .unwrap();
    let (port, sink) = start_sink();
    send(&digest, &settings(port)).unwrap();
    let received = sink.join().unwrap();

    let commands = received.commands.join("\n");
    assert!(
        commands.contains("MAIL FROM:<digest@newsdesk.test>"),
        "{commands}"
    );
    assert!(
        commands.contains("RCPT TO:<desk@newsdesk.test>"),
        "{commands}"
    );
    assert!(
        commands.contains("RCPT TO:<editor@newsdesk.test>"),
        "{commands}"
    );
    assert!(commands.ends_with("QUIT"), "{commands}");

    let raw = String::from_utf8_lossy(&received.data);
    assert!(
        raw.to_ascii_lowercase().contains("multipart/alternative"),
        "{raw}"
    );
    let message = mail_parser::MessageParser::default()
        .parse(&received.data)
        .expect("the sink received a parsable message");
    assert_eq!(message.subject(), Some("Täglicher Überblick — 2026-03-02"));
    assert_eq!(message.text_body.len(), 1, "one text part");
    assert_eq!(message.html_body.len(), 1, "one HTML part");
    let text = message.body_text(0).unwrap();
    let html = message.body_html(0).unwrap();
    assert!(text.starts_with("# Täglicher Überblick"), "{text}");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    for entry in &digest.stories {
        let md_title = newsdesk_digest::escape_markdown(&entry.title);
        assert!(text.contains(&md_title), "text part lacks {md_title}");
    }
    for title in [
        "Crane collapses at Northgate harbour",
        "Marathon route moved to the waterfront",
        "Tram drivers announce strike",
        "Council budget vote delayed again",
        "Riverside library reopens",
        "Tom &amp; Jerry",
    ] {
        assert!(html.contains(title), "HTML part lacks {title}");
    }
    assert!(!html.to_lowercase().contains("<script"));
}

#[test]
fn an_unreachable_server_is_a_clear_error() {
    // A port that was just free: nothing listens on it.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let digest = build_digest(DAY, &[library()], &DigestOptions::default()).unwrap();
    let err = send(&digest, &settings(port)).unwrap_err();
    assert!(matches!(err, SmtpError::Send { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
}

#[test]
fn a_rejected_recipient_is_an_error() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let mut out = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        out.write_all(b"220 strict.test ESMTP\r\n").unwrap();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            let reply: &[u8] = match line.get(..4).unwrap_or("").to_ascii_uppercase().as_str() {
                "EHLO" => b"250 strict.test\r\n",
                "RCPT" => b"550 no such user\r\n",
                "QUIT" => b"221 bye\r\n",
                _ => b"250 OK\r\n",
            };
            out.write_all(reply).unwrap();
            line.clear();
        }
    });
    let digest = build_digest(DAY, &[library()], &DigestOptions::default()).unwrap();
    let err = send(&digest, &settings(port)).unwrap_err();
    assert!(err.to_string().contains("no such user"), "{err}");
    drop(server);
}

#[test]
fn login_is_sent_to_a_loopback_sink_and_refused_in_plain_text_elsewhere() {
    let digest = build_digest(DAY, &[library()], &DigestOptions::default()).unwrap();
    let (port, sink) = start_sink();
    let mut with_login = settings(port);
    with_login.user = Some("desk".into());
    with_login.password = Some("pw".into());
    send(&digest, &with_login).unwrap();
    let received = sink.join().unwrap();
    // AUTH PLAIN carries base64("\0desk\0pw").
    assert!(
        received
            .commands
            .iter()
            .any(|c| c == "AUTH PLAIN AGRlc2sAcHc="),
        "{:?}",
        received.commands
    );

    let mut remote = with_login.clone();
    remote.host = "mail.example.org".into();
    let err = send(&digest, &remote).unwrap_err();
    assert!(err.to_string().contains("unencrypted"), "{err}");
}

#[test]
fn starttls_is_required_when_asked_for() {
    // The sink does not offer STARTTLS: the send fails before any mail is handed over.
    let digest = build_digest(DAY, &[library()], &DigestOptions::default()).unwrap();
    let (port, sink) = start_sink();
    let mut starttls = settings(port);
    starttls.tls = TlsMode::StartTls;
    let err = send(&digest, &starttls).unwrap_err();
    assert!(matches!(err, SmtpError::Send { .. }), "{err}");
    drop(sink);
}
