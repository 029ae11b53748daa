//! Mailing the digest over SMTP (lettre, rustls): one `multipart/alternative` message
//! with the Markdown as its plain-text part and the HTML as its rich part.
//!
//! Settings come from a TOML file, from the environment, or both (the environment
//! wins, key by key):
//!
//! | key (file)     | environment              | meaning                                     |
//! |----------------|--------------------------|---------------------------------------------|
//! | `host`         | `NEWSDESK_SMTP_HOST`     | server name (required)                      |
//! | `port`         | `NEWSDESK_SMTP_PORT`     | default 25 / 587 / 465 for none / starttls / tls |
//! | `user`         | `NEWSDESK_SMTP_USER`     | login, if the server wants one              |
//! | `password`     | `NEWSDESK_SMTP_PASSWORD` | its password (requires `user`)              |
//! | `from`         | `NEWSDESK_SMTP_FROM`     | sender, `Name <addr>` or `addr` (required)  |
//! | `to`           | `NEWSDESK_SMTP_TO`       | recipients: a list, or comma-separated (required) |
//! | `tls`          | `NEWSDESK_SMTP_TLS`      | `none`, `starttls` (default) or `tls`; a login over `none` is refused unless the host is loopback |
//! | `timeout_secs` | `NEWSDESK_SMTP_TIMEOUT_SECS` | per-command timeout, default 30         |
//!
//! The file may hold the keys at its top level or in an `[smtp]` table (so they can
//! live in a larger newsdesk config); unknown keys are an error, to catch typos.
//!
//! ```toml
//! [smtp]
//! host = "smtp.example.org"
//! user = "digest@example.org"
//! from = "newsdesk <digest@example.org>"
//! to = ["desk@example.org", "editor@example.org"]
//! tls = "starttls"
//! ```

use crate::model::Digest;
use crate::render::{to_html, to_markdown};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Largest SMTP config file read, in bytes.
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Most recipients per digest e-mail.
pub const MAX_RECIPIENTS: usize = 100;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain text, no TLS: only for a trusted local relay (or a test sink).
    None,
    /// Connect in plain text and require an upgrade with `STARTTLS` (port 587).
    StartTls,
    /// TLS from the first byte ("SMTPS", port 465).
    Tls,
}

impl TlsMode {
    /// Parses `none`, `starttls` or `tls` (case-insensitive).
    pub fn parse(s: &str) -> Option<TlsMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" | "plain" => Some(TlsMode::None),
            "starttls" => Some(TlsMode::StartTls),
            "tls" | "smtps" => Some(TlsMode::Tls),
            _ => None,
        }
    }

    /// The usual port for the mode: 25, 587 or 465.
    pub fn default_port(self) -> u16 {
        match self {
            TlsMode::None => 25,
            TlsMode::StartTls => 587,
            TlsMode::Tls => 465,
        }
    }
}

/// Everything needed to mail a digest. Build it with [`SmtpSettings::from_env`],
/// [`SmtpSettings::from_file`] or [`SmtpSettings::from_sources`], or by hand.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    /// Server host name or address.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// Login, if any.
    pub user: Option<String>,
    /// Password for [`user`](Self::user), if any.
    pub password: Option<String>,
    /// Sender mailbox (`Name <addr>` or `addr`).
    pub from: String,
    /// Recipient mailboxes (at least one, at most [`MAX_RECIPIENTS`]).
    pub to: Vec<String>,
    /// Connection security.
    pub tls: TlsMode,
    /// Timeout for each SMTP command.
    pub timeout: Duration,
}

// The password stays out of debug output and logs.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<hidden>"))
            .field("from", &self.from)
            .field("to", &self.to)
            .field("tls", &self.tls)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// What went wrong configuring or sending the digest e-mail.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// Required settings are missing.
    #[error(
        "SMTP settings incomplete: missing {0} (set them in the config file or as NEWSDESK_SMTP_HOST, NEWSDESK_SMTP_FROM, NEWSDESK_SMTP_TO, ...)"
    )]
    Missing(String),
    /// A setting has a bad value.
    #[error("SMTP setting {key} ({origin}): {message}")]
    Invalid {
        /// The setting's key.
        key: &'static str,
        /// Where it came from: the file path or the environment variable.
        origin: String,
        /// What is wrong with it.
        message: String,
    },
    /// The config file could not be read.
    #[error("reading SMTP config {path}: {source}")]
    ReadConfig {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The config file is not valid TOML or has unknown keys.
    #[error("parsing SMTP config {path}: {message}")]
    ParseConfig {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The message could not be built (e.g. a bad address).
    #[error("building the digest e-mail: {0}")]
    Message(String),
    /// The server could not be reached or refused the message.
    #[error("sending the digest via {host}:{port}: {source}")]
    Send {
        /// The server.
        host: String,
        /// Its port.
        port: u16,
        /// lettre's error.
        source: lettre::transport::smtp::Error,
    },
}

/// Recipients as a TOML list or one comma-separated string.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Recipients {
    One(String),
    Many(Vec<String>),
}

/// Settings as one source gives them, each optional; `origin` notes where each came from.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartialSettings {
    host: Option<String>,
    port: Option<u16>,
    user: Option<String>,
    password: Option<String>,
    from: Option<String>,
    to: Option<Recipients>,
    tls: Option<TlsMode>,
    timeout_secs: Option<u64>,
}

fn split_recipients(r: Recipients) -> Vec<String> {
    let list = match r {
        Recipients::One(s) => s.split(',').map(str::to_string).collect(),
        Recipients::Many(v) => v,
    };
    list.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl SmtpSettings {
    /// Settings from the environment only (see the module docs for the variables).
    ///
    /// # Errors
    /// [`SmtpError::Missing`] naming every missing variable, or [`SmtpError::Invalid`].
    pub fn from_env() -> Result<SmtpSettings, SmtpError> {
        SmtpSettings::from_sources(None, &|name| std::env::var(name).ok())
    }

    /// Settings from a TOML file, each overridden by its environment variable when set.
    ///
    /// # Errors
    /// [`SmtpError::ReadConfig`] / [`SmtpError::ParseConfig`] for the file, then as
    /// [`from_env`](Self::from_env).
    pub fn from_file(path: &Path) -> Result<SmtpSettings, SmtpError> {
        SmtpSettings::from_sources(Some(path), &|name| std::env::var(name).ok())
    }

    /// Settings from an optional TOML file overridden by `env` (a variable lookup, e.g.
    /// `|name| std::env::var(name).ok()`); empty variables count as unset.
    ///
    /// # Errors
    /// As [`from_file`](Self::from_file).
    pub fn from_sources(
        file: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<SmtpSettings, SmtpError> {
        let mut settings = match file {
            Some(path) => read_file(path)?,
            None => PartialSettings::default(),
        };
        let file_origin = file.map_or_else(String::new, |p| p.display().to_string());
        let origin = |key: &str| -> String {
            if env(&format!("NEWSDESK_SMTP_{}", key.to_ascii_uppercase()))
                .is_some_and(|v| !v.trim().is_empty())
            {
                format!("NEWSDESK_SMTP_{}", key.to_ascii_uppercase())
            } else {
                file_origin.clone()
            }
        };
        let var = |key: &str| {
            env(&format!("NEWSDESK_SMTP_{key}"))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        if let Some(v) = var("HOST") {
            settings.host = Some(v);
        }
        if let Some(v) = var("PORT") {
            settings.port = Some(v.parse().map_err(|_| SmtpError::Invalid {
                key: "port",
                origin: "NEWSDESK_SMTP_PORT".into(),
                message: format!("{v:?} is not a port number (1-65535)"),
            })?);
        }
        if let Some(v) = var("USER") {
            settings.user = Some(v);
        }
        if let Some(v) = env("NEWSDESK_SMTP_PASSWORD").filter(|v| !v.is_empty()) {
            settings.password = Some(v);
        }
        if let Some(v) = var("FROM") {
            settings.from = Some(v);
        }
        if let Some(v) = var("TO") {
            settings.to = Some(Recipients::One(v));
        }
        if let Some(v) = var("TLS") {
            settings.tls = Some(TlsMode::parse(&v).ok_or_else(|| SmtpError::Invalid {
                key: "tls",
                origin: "NEWSDESK_SMTP_TLS".into(),
                message: format!("{v:?} is not one of none, starttls, tls"),
            })?);
        }
        if let Some(v) = var("TIMEOUT_SECS") {
            settings.timeout_secs = Some(v.parse().map_err(|_| SmtpError::Invalid {
                key: "timeout_secs",
                origin: "NEWSDESK_SMTP_TIMEOUT_SECS".into(),
                message: format!("{v:?} is not a number of seconds"),
            })?);
        }

        let to = settings.to.map(split_recipients).unwrap_or_default();
        let mut missing = Vec::new();
        let host = settings
            .host
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty());
        let from = settings
            .from
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty());
        if host.is_none() {
            missing.push("host (NEWSDESK_SMTP_HOST)");
        }
        if from.is_none() {
            missing.push("from (NEWSDESK_SMTP_FROM)");
        }
        if to.is_empty() {
            missing.push("to (NEWSDESK_SMTP_TO)");
        }
        let (Some(host), Some(from)) = (host, from) else {
            return Err(SmtpError::Missing(missing.join(", ")));
        };
        if !missing.is_empty() {
            return Err(SmtpError::Missing(missing.join(", ")));
        }
        if to.len() > MAX_RECIPIENTS {
            return Err(SmtpError::Invalid {
                key: "to",
                origin: origin("to"),
                message: format!("{} recipients; at most {MAX_RECIPIENTS}", to.len()),
            });
        }
        if settings.port == Some(0) {
            return Err(SmtpError::Invalid {
                key: "port",
                origin: origin("port"),
                message: "port 0".into(),
            });
        }
        let user = settings.user.filter(|u| !u.trim().is_empty());
        if settings.password.is_some() && user.is_none() {
            return Err(SmtpError::Invalid {
                key: "password",
                origin: origin("password"),
                message: "a password is set but no user (NEWSDESK_SMTP_USER)".into(),
            });
        }
        let tls = settings.tls.unwrap_or(TlsMode::StartTls);
        let settings = SmtpSettings {
            host,
            port: settings.port.unwrap_or(tls.default_port()),
            user,
            password: settings.password,
            from,
            to,
            tls,
            timeout: Duration::from_secs(settings.timeout_secs.unwrap_or(30).clamp(1, 3600)),
        };
        settings.check_plaintext_credentials(&origin("tls"))?;
        // Check the addresses now, so a typo is reported before anything is sent.
        parse_mailbox("from", &settings.from, &origin("from"))?;
        for to in &settings.to {
            parse_mailbox("to", to, &origin("to"))?;
        }
        Ok(settings)
    }
}

impl SmtpSettings {
    /// Credentials travel in the clear without TLS: allow that only to a loopback host.
    fn check_plaintext_credentials(&self, origin: &str) -> Result<(), SmtpError> {
        let loopback = matches!(
            self.host.as_str(),
            "localhost" | "127.0.0.1" | "::1" | "[::1]"
        ) || self.host.starts_with("127.");
        if self.tls == TlsMode::None && self.user.is_some() && !loopback {
            return Err(SmtpError::Invalid {
                key: "tls",
                origin: origin.to_string(),
                message: format!(
                    "a login would be sent unencrypted to {}; use tls = \"starttls\" or \"tls\" \
                     (plain text with a login is only allowed to a loopback host)",
                    self.host
                ),
            });
        }
        Ok(())
    }
}

fn parse_mailbox(key: &'static str, address: &str, origin: &str) -> Result<Mailbox, SmtpError> {
    address.parse().map_err(|e| SmtpError::Invalid {
        key,
        origin: origin.to_string(),
        message: format!("{address:?} is not an e-mail address: {e}"),
    })
}

fn read_file(path: &Path) -> Result<PartialSettings, SmtpError> {
    let read_err = |source| SmtpError::ReadConfig {
        path: path.to_path_buf(),
        source,
    };
    let parse_err = |message: String| SmtpError::ParseConfig {
        path: path.to_path_buf(),
        message,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_CONFIG_BYTES {
        return Err(parse_err(format!(
            "{size} bytes; an SMTP config is at most {MAX_CONFIG_BYTES} bytes"
        )));
    }
    let text = std::fs::read_to_string(path).map_err(read_err)?;
    let mut table: toml::Table = toml::from_str(&text).map_err(|e| parse_err(e.to_string()))?;
    let section = match table.remove("smtp") {
        Some(toml::Value::Table(t)) => t,
        Some(_) => return Err(parse_err("`smtp` must be a table ([smtp])".into())),
        None => table,
    };
    toml::Value::Table(section)
        .try_into()
        .map_err(|e: toml::de::Error| parse_err(e.to_string()))
}

/// The e-mail for `digest`: subject = the digest's title, `multipart/alternative` with
/// the Markdown as `text/plain` and the HTML as `text/html`.
fn message(digest: &Digest, settings: &SmtpSettings) -> Result<Message, SmtpError> {
    let mut builder = Message::builder()
        .from(parse_mailbox("from", &settings.from, "settings")?)
        .subject(digest.title.clone());
    for to in &settings.to {
        builder = builder.to(parse_mailbox("to", to, "settings")?);
    }
    builder
        .multipart(MultiPart::alternative_plain_html(
            to_markdown(digest),
            to_html(digest),
        ))
        .map_err(|e| SmtpError::Message(e.to_string()))
}

/// Mails `digest` to the configured recipients, waiting for the server to accept it.
///
/// # Errors
/// [`SmtpError::Invalid`] when a login would be sent without TLS to a host that is
/// not loopback, [`SmtpError::Message`] when the message cannot be built, [`SmtpError::Send`] when
/// the server cannot be reached, TLS fails, login is refused or the server rejects the
/// message (each SMTP command times out after [`SmtpSettings::timeout`]).
pub fn send(digest: &Digest, settings: &SmtpSettings) -> Result<(), SmtpError> {
    settings.check_plaintext_credentials("settings")?;
    let email = message(digest, settings)?;
    let send_err = |source| SmtpError::Send {
        host: settings.host.clone(),
        port: settings.port,
        source,
    };
    let mut builder = SmtpTransport::builder_dangerous(settings.host.as_str())
        .port(settings.port)
        .timeout(Some(settings.timeout));
    builder = match settings.tls {
        TlsMode::None => builder.tls(Tls::None),
        TlsMode::StartTls => builder.tls(Tls::Required(
            TlsParameters::new(settings.host.clone()).map_err(send_err)?,
        )),
        TlsMode::Tls => builder.tls(Tls::Wrapper(
            TlsParameters::new(settings.host.clone()).map_err(send_err)?,
        )),
    };
    if let Some(user) = &settings.user {
        builder = builder.credentials(Credentials::new(
            user.clone(),
            settings.password.clone().unwrap_or_default(),
        ));
    }
    builder.build().send(&email).map_err(send_err)?;
    Ok(())
}
