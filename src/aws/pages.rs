//! Following pagination to the end.

/// Collects the items of every page of a paginated call. It stops only on
/// a page without a next token, so a short page with a token (which
/// Identity Center sends) is followed. With `limiter`, each request first
/// waits for its slot.
macro_rules! collect_pages {
    ($service:expr, $op:expr, $request:expr, $(limiter = $limiter:expr,)? |$page:ident| $items:expr) => {{
        let mut stream = $request.into_paginator().send();
        let mut out = Vec::new();
        loop {
            $($limiter.wait().await;)?
            match stream.next().await {
                None => break,
                Some(Err(e)) => {
                    return Err($crate::aws::error::CallError::new($service, $op, &e))
                }
                Some(Ok($page)) => {
                    let last = $page.next_token().is_none_or(str::is_empty);
                    out.extend($items);
                    if last {
                        break;
                    }
                }
            }
        }
        out
    }};
}
pub(crate) use collect_pages;
