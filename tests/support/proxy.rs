//! A fault-injecting HTTP proxy between orgguard and moto, on loopback.
//!
//! It forwards each request unchanged unless something says otherwise:
//! - an explicit [`Rule`] that matches (answer as AWS would, delay, or drop);
//! - a per-service [`throttle`](FaultProxy::throttle): a token bucket per
//!   group of services, answering AWS's own throttling error when empty;
//! - [`chaos`](FaultProxy::chaos): seeded random 5xx answers and dropped
//!   connections;
//! - [`latency`](FaultProxy::latency) added to every answer.
//!
//! Faults are injected before the request reaches moto, so a faulted write
//! never happened and retrying it is safe, as with AWS's own 5xx and
//! throttling answers. It counts calls per service and operation.
//!
//! moto 5.2.5 does not model provisioning a permission set to an account
//! (it answers ListAccountsForProvisionedPermissionSet with its own account
//! whatever was assigned). [`emulate_provisioning`](FaultProxy::emulate_provisioning)
//! makes the proxy keep AWS's rule instead: a successful
//! CreateAccountAssignment provisions the set to the target account, and the
//! two provisioning list calls are answered from that record. It also keeps
//! the rules around changing a set: any change to a provisioned set leaves
//! those accounts outdated (LATEST_PERMISSION_SET_NOT_PROVISIONED) until
//! ProvisionPermissionSet (answered here, IN_PROGRESS, then SUCCEEDED on
//! DescribePermissionSetProvisioningStatus) provisions it again.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the proxy sees it.
#[derive(Debug, Clone)]
pub struct Request {
    /// The signing name from the SigV4 credential scope: `organizations`,
    /// `sso` (Identity Center admin), `identitystore`, `iam`, `kms`, `sts`,
    /// `config`.
    pub service: String,
    /// The region from the SigV4 credential scope.
    pub region: String,
    /// `Service.Operation` from X-Amz-Target, or `Action` from a query body.
    pub operation: String,
    /// The operation's short name (`ListAccounts`); for S3, told from the
    /// method and query (`ListObjectsV2`, `GetObject`, `PutObject`).
    pub action: String,
    /// The access key id that signed the request: tells the management
    /// account's own credentials from a role assumed in a member account.
    pub access_key: String,
    /// The request line's target: path and query string.
    pub target: String,
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
    /// Forward, then close the connection without passing the answer on:
    /// the call happened, but the caller never learns it (as when the
    /// caller is killed or the network fails after the request went out).
    ForwardThenDrop,
}

impl Fault {
    fn copy(&self) -> Fault {
        match self {
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
            Fault::ForwardThenDrop => Fault::ForwardThenDrop,
        }
    }
}

pub struct Rule {
    pub when: Box<dyn Fn(&Request) -> bool + Send>,
    pub fault: Fault,
    /// How many more times the rule applies; `None` for always.
    pub remaining: Option<u32>,
}

/// What happened to the calls of one service and operation.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub calls: u64,
    pub throttled: u64,
    /// 5xx answers and dropped connections injected by rules or chaos.
    pub faulted: u64,
}

/// A token bucket shared by a group of services, as AWS meters Identity
/// Center's admin and identity-store APIs together.
struct Bucket {
    services: Vec<String>,
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Bucket {
    fn take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Seeded random faults.
struct Chaos {
    state: u64,
    server_error: f64,
    drop: f64,
}

impl Chaos {
    /// xorshift64*: reproducible from the seed, no dependency.
    fn next(&mut self) -> f64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    counts: BTreeMap<String, u64>,
    tallies: BTreeMap<(String, String), Tally>,
    faults: u64,
    latency: Duration,
    buckets: Vec<Bucket>,
    chaos: Option<Chaos>,
    /// (permission set ARN, account id) pairs, when emulating provisioning.
    provisioned: Option<BTreeSet<(String, String)>>,
    /// Of those, the pairs whose set changed since it was provisioned.
    outdated: BTreeSet<(String, String)>,
    /// ProvisionPermissionSet calls answered, for request ids.
    provision_requests: u64,
    /// Calls of each action being answered right now, and the most seen.
    in_flight: BTreeMap<String, u64>,
    max_in_flight: BTreeMap<String, u64>,
    /// Permissions boundaries by permission set ARN, when emulating them.
    boundaries: Option<BTreeMap<String, serde_json::Value>>,
    /// Permission sets' tags by ARN, emulated with the boundaries.
    tags: BTreeMap<String, BTreeMap<String, String>>,
    /// Every request, in order, once [`FaultProxy::record`] is called.
    log: Option<Vec<Request>>,
    /// (action, request target) of every request, in order.
    targets: Vec<(String, String)>,
}

impl State {
    fn tally(&mut self, request: &Request) -> &mut Tally {
        self.tallies
            .entry((request.service.clone(), request.action.clone()))
            .or_default()
    }
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

    fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().expect("proxy state"))
    }

    pub fn add(&self, rule: Rule) {
        self.with(|s| s.rules.push(rule));
    }

    /// Removes the rules, throttles, chaos and latency; keeps the counts
    /// and the provisioning record.
    pub fn clear(&self) {
        self.with(|s| {
            s.rules.clear();
            s.buckets.clear();
            s.chaos = None;
            s.latency = Duration::ZERO;
        });
    }

    /// Adds this much time to every answer.
    pub fn latency(&self, latency: Duration) {
        self.with(|s| s.latency = latency);
    }

    /// Allows `rate` requests per second to these services together, with
    /// a burst of `burst`; beyond that, each service's throttling error.
    pub fn throttle(&self, services: &[&str], rate: f64, burst: f64) {
        self.with(|s| {
            s.buckets.push(Bucket {
                services: services.iter().map(|x| x.to_string()).collect(),
                rate,
                burst,
                tokens: burst,
                last: Instant::now(),
            })
        });
    }

    /// Answers a share of calls with the service's 5xx error and drops the
    /// connection on another share, chosen by a generator seeded with `seed`.
    pub fn chaos(&self, seed: u64, server_error: f64, drop: f64) {
        self.with(|s| {
            s.chaos = Some(Chaos {
                state: seed.max(1),
                server_error,
                drop,
            })
        });
    }

    /// Keeps AWS's provisioning rule that moto does not (see the module
    /// docs). Seed through the proxy after calling this.
    pub fn emulate_provisioning(&self) {
        self.with(|s| {
            s.provisioned.get_or_insert_with(BTreeSet::new);
        });
    }

    /// Keeps permission sets' permissions boundaries and tags, which moto
    /// 5.2.5 does not implement (it answers 500): Put stores a boundary, Get
    /// answers it or, as AWS does for a set without one,
    /// ResourceNotFoundException; the tags CreatePermissionSet and
    /// TagResource send are kept, UntagResource drops them,
    /// ListTagsForResource answers them.
    pub fn emulate_permissions_boundaries(&self) {
        self.with(|s| {
            s.boundaries.get_or_insert_with(BTreeMap::new);
        });
    }

    /// Keeps AWS's rule that an organization's Identity Center instance
    /// lives in one home region: ListInstances anywhere else answers an
    /// empty list (moto has an instance in every region).
    pub fn identity_center_home(&self, home: &str) {
        let home = home.to_string();
        self.add(Rule {
            when: Box::new(move |r| r.action == "ListInstances" && r.region != home),
            fault: Fault::Respond {
                status: 200,
                content_type: "application/x-amz-json-1.1",
                body: "{\"Instances\": []}".to_string(),
            },
            remaining: None,
        });
    }

    /// The request targets (path and query) of every call of `action`.
    pub fn targets(&self, action: &str) -> Vec<String> {
        self.with(|s| {
            s.targets
                .iter()
                .filter(|(a, _)| a == action)
                .map(|(_, t)| t.clone())
                .collect()
        })
    }

    /// Calls seen per X-Amz-Target or query Action (faulted ones included).
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.with(|s| s.counts.clone())
    }

    /// Calls, throttles and faults per (service, operation).
    pub fn tallies(&self) -> BTreeMap<(String, String), Tally> {
        self.with(|s| s.tallies.clone())
    }

    /// The sum of tallies for one service.
    pub fn service(&self, service: &str) -> Tally {
        self.with(|s| {
            s.tallies
                .iter()
                .filter(|((svc, _), _)| svc == service)
                .fold(Tally::default(), |a, (_, t)| Tally {
                    calls: a.calls + t.calls,
                    throttled: a.throttled + t.throttled,
                    faulted: a.faulted + t.faulted,
                })
        })
    }

    pub fn reset_counts(&self) {
        self.with(|s| {
            s.counts.clear();
            s.targets.clear();
            s.tallies.clear();
            s.faults = 0;
        });
    }

    /// Keeps every request from now on (see [`requests`](Self::requests)).
    pub fn record(&self) {
        self.with(|s| {
            s.log.get_or_insert_with(Vec::new);
        });
    }

    /// The requests recorded since [`record`](Self::record), and clears
    /// the record.
    pub fn take_requests(&self) -> Vec<Request> {
        self.with(|s| s.log.as_mut().map(std::mem::take).unwrap_or_default())
    }

    /// The most calls of `action` the proxy was answering at one time.
    pub fn max_in_flight(&self, action: &str) -> u64 {
        self.with(|s| s.max_in_flight.get(action).copied().unwrap_or(0))
    }

    pub fn faults_injected(&self) -> u64 {
        self.with(|s| s.faults)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.endpoint.trim_start_matches("http://"));
    }
}

/// Counts one call as in flight until it is answered (or dropped).
struct InFlight<'a> {
    state: &'a Mutex<State>,
    action: String,
}

impl<'a> InFlight<'a> {
    fn enter(state: &'a Mutex<State>, action: &str) -> Self {
        let mut st = state.lock().expect("proxy state");
        let now = {
            let n = st.in_flight.entry(action.to_string()).or_default();
            *n += 1;
            *n
        };
        let max = st.max_in_flight.entry(action.to_string()).or_default();
        *max = (*max).max(now);
        InFlight {
            state,
            action: action.to_string(),
        }
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Ok(mut st) = self.state.lock()
            && let Some(n) = st.in_flight.get_mut(&self.action)
        {
            *n = n.saturating_sub(1);
        }
    }
}

/// What the proxy does with one request.
enum Action {
    Answer(Fault),
    Forward { record_assignment: bool },
}

fn decide(state: &Mutex<State>, request: &Request) -> Action {
    let mut st = state.lock().expect("proxy state");
    *st.counts.entry(request.operation.clone()).or_default() += 1;
    if let Some(log) = st.log.as_mut() {
        log.push(request.clone());
    }
    st.targets
        .push((request.action.clone(), request.target.clone()));
    st.tally(request).calls += 1;
    let chosen = st
        .rules
        .iter_mut()
        .find(|rule| rule.remaining != Some(0) && (rule.when)(request))
        .map(|rule| {
            if let Some(n) = rule.remaining.as_mut() {
                *n -= 1;
            }
            rule.fault.copy()
        });
    if let Some(fault) = chosen {
        if matches!(
            fault,
            Fault::Respond { .. } | Fault::Drop | Fault::ForwardThenDrop
        ) {
            st.faults += 1;
            st.tally(request).faulted += 1;
        }
        match fault {
            // A slow call: after the delay it goes on like any other.
            Fault::Delay(d) => {
                drop(st);
                std::thread::sleep(d);
                st = state.lock().expect("proxy state");
            }
            other => return Action::Answer(other),
        }
    }
    let now = Instant::now();
    let throttled = st
        .buckets
        .iter_mut()
        .any(|b| b.services.contains(&request.service) && !b.take(now));
    if throttled {
        st.tally(request).throttled += 1;
        return Action::Answer(throttling_error(&request.service));
    }
    if let Some(chaos) = st.chaos.as_mut() {
        let roll = chaos.next();
        let (p5xx, pdrop) = (chaos.server_error, chaos.drop);
        if roll < p5xx + pdrop {
            st.faults += 1;
            st.tally(request).faulted += 1;
            return Action::Answer(if roll < p5xx {
                server_error(&request.service)
            } else {
                Fault::Drop
            });
        }
    }
    if let Some(answer) = boundary_answer(&mut st, request) {
        return Action::Answer(answer);
    }
    if st.provisioned.is_some() {
        if let Some(answer) = provisioning_change(&mut st, request) {
            return Action::Answer(answer);
        }
        let provisioned = st.provisioned.as_ref().expect("emulating");
        if let Some(answer) = provisioning_answer(provisioned, &st.outdated, request) {
            return Action::Answer(answer);
        }
        return Action::Forward {
            record_assignment: request.action == "CreateAccountAssignment",
        };
    }
    Action::Forward {
        record_assignment: false,
    }
}

fn serve(conn: TcpStream, upstream: &str, state: &Mutex<State>) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(120)))?;
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
        // Credential=AKID/date/region/SERVICE/aws4_request
        let scope = |part: usize| {
            header("authorization")
                .and_then(|auth| {
                    let scope = auth.split("Credential=").nth(1)?;
                    Some(scope.split('/').nth(part)?.to_string())
                })
                .unwrap_or_else(|| "unknown".to_string())
        };
        let (service, region, access_key) = (scope(3), scope(2), scope(0));
        let mut request_line = head[0].split_whitespace();
        let method = request_line.next().unwrap_or_default().to_string();
        let target = request_line.next().unwrap_or_default().to_string();
        let action = if service == "s3" {
            let (path, query) = target.split_once('?').unwrap_or((&target, ""));
            let has_key = path.trim_start_matches('/').contains('/');
            match method.as_str() {
                "GET" if query.split('&').any(|kv| kv == "list-type=2") => "ListObjectsV2",
                "GET" if has_key => "GetObject",
                "PUT" if has_key => "PutObject",
                "PUT" => "CreateBucket",
                other => other,
            }
            .to_string()
        } else if service == "guardduty" {
            // A REST API: the operation is the method and the path.
            let path = target.split('?').next().unwrap_or_default();
            let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
            match (method.as_str(), parts.as_slice()) {
                ("GET", ["detector"]) => "ListDetectors",
                ("GET", ["detector", _]) => "GetDetector",
                ("POST", ["detector"]) => "CreateDetector",
                ("POST", ["detector", _]) => "UpdateDetector",
                (other, _) => other,
            }
            .to_string()
        } else if service == "account" {
            // A REST API: POST /getAlternateContact and so on.
            let path = target.split('?').next().unwrap_or_default();
            let name = path.trim_matches('/');
            let mut chars = name.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        } else {
            operation
                .rsplit('.')
                .next()
                .unwrap_or(&operation)
                .to_string()
        };
        let operation = match service.as_str() {
            "s3" => format!("S3.{action}"),
            "guardduty" => format!("GuardDuty.{action}"),
            "account" => format!("Account.{action}"),
            _ => operation,
        };
        let request = Request {
            action,
            service,
            region,
            operation,
            access_key,
            target,
            body: body_text,
        };
        let _in_flight = InFlight::enter(state, &request.action);
        let action = decide(state, &request);
        let latency = state.lock().expect("proxy state").latency;
        std::thread::sleep(latency);
        let mut drop_answer = false;
        let record_assignment = match action {
            Action::Answer(Fault::Drop) => return Ok(()),
            Action::Answer(Fault::ForwardThenDrop) => {
                drop_answer = true;
                false
            }
            Action::Answer(Fault::Respond {
                status,
                content_type,
                body,
            }) => {
                let extra = if status == 400 && request.service == "identitystore" {
                    "Retry-After: 1\r\n"
                } else {
                    ""
                };
                let response = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{extra}x-amzn-RequestId: fault-proxy\r\n\r\n{body}",
                    reason(status),
                    body.len()
                );
                client.write_all(response.as_bytes())?;
                continue;
            }
            Action::Answer(Fault::Delay(_)) => false,
            Action::Forward { record_assignment } => record_assignment,
        };
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
        if record_assignment && response.starts_with(b"HTTP/1.1 200") {
            record_provisioning(state, &request);
        }
        if request.action == "CreatePermissionSet" && response.starts_with(b"HTTP/1.1 200") {
            record_created_tags(state, &request, &response);
        }
        if drop_answer {
            return Ok(());
        }
        client.write_all(&response)?;
        // The upstream answered `Connection: close`; so does this connection.
        return Ok(());
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

fn record_provisioning(state: &Mutex<State>, request: &Request) {
    let Ok(body) = serde_json::from_str::<serde_json::Value>(&request.body) else {
        return;
    };
    let (Some(set), Some(account)) = (body["PermissionSetArn"].as_str(), body["TargetId"].as_str())
    else {
        return;
    };
    if let Some(provisioned) = state.lock().expect("proxy state").provisioned.as_mut() {
        provisioned.insert((set.to_string(), account.to_string()));
    }
}

/// The calls that change provisioning: ProvisionPermissionSet and its
/// status (answered here; moto has neither), and the calls that change a
/// set, which leave the accounts it is provisioned to outdated (forwarded).
fn provisioning_change(st: &mut State, request: &Request) -> Option<Fault> {
    const CHANGES_A_SET: [&str; 9] = [
        "UpdatePermissionSet",
        "PutInlinePolicyToPermissionSet",
        "DeleteInlinePolicyFromPermissionSet",
        "AttachManagedPolicyToPermissionSet",
        "DetachManagedPolicyFromPermissionSet",
        "AttachCustomerManagedPolicyReferenceToPermissionSet",
        "DetachCustomerManagedPolicyReferenceFromPermissionSet",
        "PutPermissionsBoundaryToPermissionSet",
        "DeletePermissionsBoundaryFromPermissionSet",
    ];
    let body: serde_json::Value = serde_json::from_str(&request.body).ok()?;
    let field = |name: &str| body[name].as_str().unwrap_or_default().to_string();
    let set = field("PermissionSetArn");
    st.provisioned.as_ref()?;
    if CHANGES_A_SET.contains(&request.action.as_str()) {
        mark_outdated(st, &set);
        return None;
    }
    let provisioned = st.provisioned.as_mut()?;
    match request.action.as_str() {
        "ProvisionPermissionSet" => {
            let accounts: Vec<String> = if field("TargetType") == "AWS_ACCOUNT" {
                vec![field("TargetId")]
            } else {
                provisioned
                    .iter()
                    .filter(|(s, _)| *s == set)
                    .map(|(_, a)| a.clone())
                    .collect()
            };
            for account in &accounts {
                provisioned.insert((set.clone(), account.clone()));
                st.outdated.remove(&(set.clone(), account.clone()));
            }
            st.provision_requests += 1;
            let answer = serde_json::json!({ "PermissionSetProvisioningStatus": {
                "Status": "IN_PROGRESS",
                "RequestId": format!("provision-{}", st.provision_requests),
                "PermissionSetArn": set,
                "AccountId": accounts.first().cloned().unwrap_or_default(),
            }});
            Some(Fault::Respond {
                status: 200,
                content_type: "application/x-amz-json-1.1",
                body: answer.to_string(),
            })
        }
        "DescribePermissionSetProvisioningStatus" => {
            let answer = serde_json::json!({ "PermissionSetProvisioningStatus": {
                "Status": "SUCCEEDED",
                "RequestId": field("ProvisionPermissionSetRequestId"),
            }});
            Some(Fault::Respond {
                status: 200,
                content_type: "application/x-amz-json-1.1",
                body: answer.to_string(),
            })
        }
        "DeletePermissionSet" => {
            provisioned.retain(|(s, _)| *s != set);
            st.outdated.retain(|(s, _)| *s != set);
            None
        }
        _ => None,
    }
}

/// The three permissions-boundary calls and the three tag calls, from the
/// record.
fn boundary_answer(st: &mut State, request: &Request) -> Option<Fault> {
    let boundaries = st.boundaries.as_mut()?;
    let body: serde_json::Value = serde_json::from_str(&request.body).ok()?;
    if request.service == "sso" {
        let resource = body["ResourceArn"].as_str().unwrap_or_default().to_string();
        let answer = |body: serde_json::Value| Fault::Respond {
            status: 200,
            content_type: "application/x-amz-json-1.1",
            body: body.to_string(),
        };
        match request.action.as_str() {
            "ListTagsForResource" => {
                let tags: Vec<serde_json::Value> = st
                    .tags
                    .get(&resource)
                    .into_iter()
                    .flatten()
                    .map(|(k, v)| serde_json::json!({"Key": k, "Value": v}))
                    .collect();
                return Some(answer(serde_json::json!({ "Tags": tags })));
            }
            "TagResource" => {
                st.tags
                    .entry(resource)
                    .or_default()
                    .extend(tag_list(&body["Tags"]));
                return Some(answer(serde_json::json!({})));
            }
            "UntagResource" => {
                if let Some(tags) = st.tags.get_mut(&resource) {
                    for key in body["TagKeys"].as_array().into_iter().flatten() {
                        tags.remove(key.as_str().unwrap_or_default());
                    }
                }
                return Some(answer(serde_json::json!({})));
            }
            _ => {}
        }
    }
    let set = body["PermissionSetArn"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let ok = |body: serde_json::Value| Fault::Respond {
        status: 200,
        content_type: "application/x-amz-json-1.1",
        body: body.to_string(),
    };
    match request.action.as_str() {
        "GetPermissionsBoundaryForPermissionSet" => Some(match boundaries.get(&set) {
            Some(b) => ok(serde_json::json!({ "PermissionsBoundary": b })),
            None => json_error(
                400,
                "ResourceNotFoundException",
                "The specified permission set does not have a permissions boundary.",
            ),
        }),
        "PutPermissionsBoundaryToPermissionSet" => {
            boundaries.insert(set.clone(), body["PermissionsBoundary"].clone());
            mark_outdated(st, &set);
            Some(ok(serde_json::json!({})))
        }
        "DeletePermissionsBoundaryFromPermissionSet" => {
            boundaries.remove(&set);
            mark_outdated(st, &set);
            Some(ok(serde_json::json!({})))
        }
        _ => None,
    }
}

fn tag_list(tags: &serde_json::Value) -> BTreeMap<String, String> {
    tags.as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            (
                t["Key"].as_str().unwrap_or_default().to_string(),
                t["Value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Keeps the tags a CreatePermissionSet that moto answered 200 sent, under
/// the ARN moto gave the set.
fn record_created_tags(state: &Mutex<State>, request: &Request, response: &[u8]) {
    let Ok(sent) = serde_json::from_str::<serde_json::Value>(&request.body) else {
        return;
    };
    let text = String::from_utf8_lossy(response);
    let Some((_, body)) = text.split_once("\r\n\r\n") else {
        return;
    };
    let Ok(answer) = serde_json::from_str::<serde_json::Value>(body) else {
        return;
    };
    let Some(arn) = answer["PermissionSet"]["PermissionSetArn"].as_str() else {
        return;
    };
    let mut st = state.lock().expect("proxy state");
    if st.boundaries.is_some() {
        st.tags.insert(arn.to_string(), tag_list(&sent["Tags"]));
    }
}

fn mark_outdated(st: &mut State, set: &str) {
    if let Some(provisioned) = &st.provisioned {
        let accounts: Vec<(String, String)> = provisioned
            .iter()
            .filter(|(s, _)| s == set)
            .cloned()
            .collect();
        st.outdated.extend(accounts);
    }
}

/// An answer to CreateAccountAssignment (or DeleteAccountAssignment) that
/// reports the operation failed, with AWS's FailureReason.
pub fn assignment_failed(action: &str, reason: &str) -> Fault {
    let key = if action == "DeleteAccountAssignment" {
        "AccountAssignmentDeletionStatus"
    } else {
        "AccountAssignmentCreationStatus"
    };
    Fault::Respond {
        status: 200,
        content_type: "application/x-amz-json-1.1",
        body: serde_json::json!({ key: {
            "Status": "FAILED",
            "RequestId": "failed-by-proxy",
            "FailureReason": reason,
        }})
        .to_string(),
    }
}

/// The two provisioning list calls, answered from the record in pages as
/// AWS pages them (MaxResults, NextToken).
fn provisioning_answer(
    provisioned: &BTreeSet<(String, String)>,
    outdated: &BTreeSet<(String, String)>,
    request: &Request,
) -> Option<Fault> {
    let body: serde_json::Value = serde_json::from_str(&request.body).ok()?;
    let field = |name: &str| body[name].as_str().unwrap_or_default().to_string();
    let (key, all): (&str, Vec<String>) = match request.action.as_str() {
        "ListAccountsForProvisionedPermissionSet" => {
            let set = field("PermissionSetArn");
            let accounts = provisioned.iter().filter(|(s, _)| *s == set);
            ("AccountIds", accounts.map(|(_, a)| a.clone()).collect())
        }
        "ListPermissionSetsProvisionedToAccount" => {
            let account = field("AccountId");
            let sets = provisioned.iter().filter(|(_, a)| *a == account);
            ("PermissionSets", sets.map(|(s, _)| s.clone()).collect())
        }
        _ => return None,
    };
    let all = if field("ProvisioningStatus") == "LATEST_PERMISSION_SET_NOT_PROVISIONED" {
        let (set, account) = (field("PermissionSetArn"), field("AccountId"));
        all.into_iter()
            .filter(|x| {
                outdated
                    .iter()
                    .any(|(s, a)| (*s == set && a == x) || (*a == account && s == x))
            })
            .collect()
    } else {
        all
    };
    let start: usize = body["NextToken"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0);
    let size = body["MaxResults"].as_u64().unwrap_or(100).clamp(1, 100) as usize;
    let page: Vec<&String> = all.iter().skip(start).take(size).collect();
    let mut answer = serde_json::json!({ key: page });
    if start + size < all.len() {
        answer["NextToken"] = serde_json::Value::String((start + size).to_string());
    }
    Some(Fault::Respond {
        status: 200,
        content_type: "application/x-amz-json-1.1",
        body: answer.to_string(),
    })
}

/// The error each service answers when its rate is exceeded.
pub fn throttling_error(service: &str) -> Fault {
    match service {
        "organizations" => json_error(
            400,
            "TooManyRequestsException",
            "You have sent too many requests in too short a period of time. The quota helps protect against denial-of-service attacks. Try again later.",
        ),
        "identitystore" => Fault::Respond {
            status: 400,
            content_type: "application/x-amz-json-1.1",
            body: r#"{"__type":"ThrottlingException","Message":"Rate exceeded","RetryAfterSeconds":1}"#
                .to_string(),
        },
        "iam" | "sts" => query_error(400, "Throttling", "Rate exceeded"),
        _ => json_error(400, "ThrottlingException", "Rate exceeded"),
    }
}

/// The error each service answers when it fails inside.
pub fn server_error(service: &str) -> Fault {
    match service {
        "organizations" => json_error(
            500,
            "ServiceException",
            "AWS Organizations can't complete your request because it encountered an internal service error. Try again later.",
        ),
        "sso" | "identitystore" => json_error(
            500,
            "InternalServerException",
            "The request processing has failed because of an unknown error, exception, or failure with an internal server.",
        ),
        "kms" => json_error(500, "KMSInternalException", "An internal error occurred."),
        "iam" => query_server_error("ServiceFailure"),
        "sts" => query_server_error("InternalFailure"),
        _ => json_error(
            500,
            "InternalFailure",
            "The request processing has failed because of an unknown error.",
        ),
    }
}

/// A JSON-protocol AWS error (Organizations, Identity Center, KMS, Config).
pub fn json_error(status: u16, code: &'static str, message: &str) -> Fault {
    Fault::Respond {
        status,
        content_type: "application/x-amz-json-1.1",
        body: serde_json::json!({ "__type": code, "Message": message }).to_string(),
    }
}

/// A query-protocol AWS error (IAM, STS).
pub fn query_error(status: u16, code: &'static str, message: &str) -> Fault {
    query_fault(status, "Sender", code, message)
}

fn query_server_error(code: &'static str) -> Fault {
    query_fault(
        500,
        "Receiver",
        code,
        "The request processing has failed because of an unknown error.",
    )
}

fn query_fault(status: u16, kind: &str, code: &str, message: &str) -> Fault {
    Fault::Respond {
        status,
        content_type: "text/xml",
        body: format!(
            "<ErrorResponse><Error><Type>{kind}</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>"
        ),
    }
}

/// Whether a service speaks the query protocol (XML errors) rather than JSON.
fn query_protocol(service: &str) -> bool {
    matches!(service, "iam" | "sts")
}

/// AWS's answer when the caller's policies do not allow the call, naming
/// the principal and the action as AWS does.
pub fn access_denied(service: &str, action: &str, principal: &str) -> Fault {
    let prefix = service;
    let message = format!(
        "User: {principal} is not authorized to perform: {prefix}:{action} on resource: * because no identity-based policy allows the {prefix}:{action} action"
    );
    if query_protocol(service) {
        query_error(403, "AccessDenied", &message)
    } else {
        json_error(400, "AccessDeniedException", &message)
    }
}

/// AWS's answer to an expired session token.
pub fn expired_token(service: &str) -> Fault {
    let message = "The security token included in the request is expired";
    if query_protocol(service) {
        query_error(403, "ExpiredToken", message)
    } else {
        json_error(400, "ExpiredTokenException", message)
    }
}

/// AWS's answer to an access key it does not know.
pub fn invalid_token(service: &str) -> Fault {
    if query_protocol(service) {
        query_error(
            403,
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        )
    } else {
        json_error(
            400,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        )
    }
}
