//! A fault-injecting HTTP proxy between orgguard and moto, on loopback. It
//! forwards each request unchanged unless a rule matches, in which case it
//! answers as AWS would (status, error code, body), delays, or drops the
//! connection. It counts calls per operation.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the proxy sees it.
#[derive(Debug, Clone)]
pub struct Request {
    /// `Service.Operation` from X-Amz-Target, or `Action` from a query body.
    pub operation: String,
    pub body: String,
}

pub enum Fault {
    /// Answer with this status and body instead of forwarding.
    Respond {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Close the connection without answering.
    Drop,
    /// Forward after a delay.
    Delay(Duration),
}

pub struct Rule {
    pub when: Box<dyn Fn(&Request) -> bool + Send>,
    pub fault: Fault,
    /// How many more times the rule applies; `None` for always.
    pub remaining: Option<u32>,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    counts: BTreeMap<String, u64>,
    faults: u64,
}

pub struct FaultProxy {
    pub endpoint: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl FaultProxy {
    pub fn start(upstream: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        let port = listener.local_addr().expect("addr").port();
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (state.clone(), stop.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (s, upstream) = (s.clone(), upstream.clone());
                std::thread::spawn(move || {
                    let _ = serve(conn, &upstream, &s);
                });
            }
        });
        FaultProxy {
            endpoint: format!("http://127.0.0.1:{port}"),
            state,
            stop,
        }
    }

    pub fn add(&self, rule: Rule) {
        self.state.lock().expect("state").rules.push(rule);
    }

    pub fn clear(&self) {
        self.state.lock().expect("state").rules.clear();
    }

    /// Calls seen per operation (faulted ones included).
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.state.lock().expect("state").counts.clone()
    }

    pub fn faults_injected(&self) -> u64 {
        self.state.lock().expect("state").faults
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.endpoint.trim_start_matches("http://"));
    }
}

fn serve(conn: TcpStream, upstream: &str, state: &Mutex<State>) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut client = conn;
    loop {
        let mut head = Vec::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let end = line == "\r\n";
            head.push(line);
            if end {
                break;
            }
        }
        let header = |name: &str| {
            head.iter().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| v.trim().to_string())
            })
        };
        let length: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0u8; length];
        reader.read_exact(&mut body)?;
        let body_text = String::from_utf8_lossy(&body).into_owned();
        let operation = header("x-amz-target").unwrap_or_else(|| {
            body_text
                .split('&')
                .find_map(|kv| kv.strip_prefix("Action="))
                .unwrap_or("unknown")
                .to_string()
        });
        let request = Request {
            operation: operation.clone(),
            body: body_text,
        };
        let fault = {
            let mut st = state.lock().expect("state");
            *st.counts.entry(operation).or_default() += 1;
            let mut chosen = None;
            for rule in st.rules.iter_mut() {
                if rule.remaining != Some(0) && (rule.when)(&request) {
                    if let Some(n) = rule.remaining.as_mut() {
                        *n -= 1;
                    }
                    chosen = Some(match &rule.fault {
                        Fault::Respond {
                            status,
                            content_type,
                            body,
                        } => Fault::Respond {
                            status: *status,
                            content_type,
                            body: body.clone(),
                        },
                        Fault::Drop => Fault::Drop,
                        Fault::Delay(d) => Fault::Delay(*d),
                    });
                    break;
                }
            }
            if matches!(chosen, Some(Fault::Respond { .. } | Fault::Drop)) {
                st.faults += 1;
            }
            chosen
        };
        match fault {
            Some(Fault::Drop) => return Ok(()),
            Some(Fault::Respond {
                status,
                content_type,
                body,
            }) => {
                let response = format!(
                    "HTTP/1.1 {status} Error\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nx-amzn-RequestId: fault-proxy\r\n\r\n{body}",
                    body.len()
                );
                client.write_all(response.as_bytes())?;
                continue;
            }
            Some(Fault::Delay(d)) => std::thread::sleep(d),
            None => {}
        }
        let mut up = TcpStream::connect(upstream)?;
        for line in &head {
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("connection:") || line == "\r\n" {
                continue;
            }
            up.write_all(line.as_bytes())?;
        }
        up.write_all(b"Connection: close\r\n\r\n")?;
        up.write_all(&body)?;
        let mut response = Vec::new();
        up.read_to_end(&mut response)?;
        client.write_all(&response)?;
        // The upstream answered `Connection: close`; so does this connection.
        return Ok(());
    }
}

/// A JSON-protocol AWS error (Organizations, Identity Center, KMS, Config).
pub fn json_error(status: u16, code: &'static str, message: &str) -> Fault {
    Fault::Respond {
        status,
        content_type: "application/x-amz-json-1.1",
        body: format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
    }
}

/// A query-protocol AWS error (IAM, STS).
pub fn query_error(status: u16, code: &'static str, message: &str) -> Fault {
    Fault::Respond {
        status,
        content_type: "text/xml",
        body: format!(
            "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>"
        ),
    }
}
