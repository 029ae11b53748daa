//! Every API answer conforms to `/openapi.json`: each field is declared with the right
//! type, required fields are present, and no undeclared field appears. A change to
//! the API types that the document does not follow fails here.

mod common;

use common::*;
use newsdesk_serve::Config;
use serde_json::Value;

/// Check `v` against `schema` (the subset of OpenAPI 3.0 the document uses).
fn check(spec: &Value, schema: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/components/schemas/");
        let target = &spec["components"]["schemas"][name];
        if v.is_null() && schema.get("nullable") == Some(&Value::Bool(true)) {
            return;
        }
        return check(spec, target, v, at, errors);
    }
    if v.is_null() {
        if schema.get("nullable") != Some(&Value::Bool(true)) {
            errors.push(format!("{at}: null but not nullable"));
        }
        return;
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(v) {
            errors.push(format!("{at}: {v} not in {values:?}"));
        }
    }
    let ty = schema.get("type").and_then(Value::as_str);
    let ok = match ty {
        Some("object") => v.is_object(),
        Some("array") => v.is_array(),
        Some("string") => v.is_string(),
        Some("integer") => v.is_i64() || v.is_u64(),
        Some("number") => v.is_number(),
        Some("boolean") => v.is_boolean(),
        _ => true,
    };
    if !ok {
        errors.push(format!("{at}: expected {ty:?}, got {v}"));
        return;
    }
    if let (Some(obj), Some(props)) = (
        v.as_object(),
        schema.get("properties").and_then(Value::as_object),
    ) {
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let req = req.as_str().unwrap();
            if !obj.contains_key(req) {
                errors.push(format!("{at}: required field {req} missing"));
            }
        }
        for (k, x) in obj {
            match props.get(k) {
                Some(s) => check(spec, s, x, &format!("{at}.{k}"), errors),
                None => errors.push(format!("{at}: field {k} not in the OpenAPI document")),
            }
        }
    }
    if let (Some(items), Some(schema)) = (v.as_array(), schema.get("items")) {
        for (i, x) in items.iter().enumerate() {
            check(spec, schema, x, &format!("{at}[{i}]"), errors);
        }
    }
}

fn response_schema<'a>(spec: &'a Value, path: &str, method: &str, status: u16) -> &'a Value {
    let s = &spec["paths"][path][method]["responses"][status.to_string()]["content"]
        ["application/json"]["schema"];
    assert!(s.is_object(), "{method} {path} {status} described");
    s
}

#[test]
fn every_answer_matches_the_openapi_document() {
    let dir = temp_dir();
    let mut articles = fixture_articles();
    let copy = syndicated_copy(
        &articles[0],
        "https://valleywire.example/reservoir",
        "2024-03-05",
    );
    // Stored right after its original, as a wire copy would arrive.
    articles.insert(1, copy);
    fill_store(dir.path(), &articles);
    let server = start(dir.path(), Some("tok"), Config::default());
    let b = base(&server);
    let spec = json(&get(&format!("{b}/openapi.json")).1);

    let (_, body) = get(&format!("{b}/api/articles"));
    let articles = json(&body);
    let id = articles["articles"][0]["id"].as_str().unwrap().to_string();
    let (_, body) = get(&format!("{b}/api/people"));
    let people = json(&body);
    let pid = people["people"][0]["id"].as_str().unwrap().to_string();
    let (_, body) = get(&format!("{b}/api/stories"));
    let sid = json(&body)["stories"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    let cases: Vec<(String, &str, u16)> = vec![
        ("/api/health".into(), "/api/health", 200),
        ("/api/articles".into(), "/api/articles", 200),
        (format!("/api/articles/{id}"), "/api/articles/{id}", 200),
        (
            format!("/api/articles/{id}?version=1"),
            "/api/articles/{id}",
            200,
        ),
        ("/api/articles/424242".into(), "/api/articles/{id}", 404),
        (
            format!("/api/articles/{id}/versions"),
            "/api/articles/{id}/versions",
            200,
        ),
        (
            format!("/api/articles/{id}/copies"),
            "/api/articles/{id}/copies",
            200,
        ),
        (
            "/api/articles/424242/copies".into(),
            "/api/articles/{id}/copies",
            404,
        ),
        (
            format!("/api/articles/{id}/related?limit=3"),
            "/api/articles/{id}/related",
            200,
        ),
        (
            format!("/api/articles/{id}/related?limit=no"),
            "/api/articles/{id}/related",
            400,
        ),
        ("/api/stories".into(), "/api/stories", 200),
        ("/api/stories?date=2024-03-04".into(), "/api/stories", 200),
        ("/api/stories?date=soon".into(), "/api/stories", 400),
        (format!("/api/stories/{sid}"), "/api/stories/{id}", 200),
        ("/api/stories/424242".into(), "/api/stories/{id}", 404),
        ("/api/digest".into(), "/api/digest", 200),
        ("/api/digest?date=2024-03-04".into(), "/api/digest", 200),
        (
            "/api/digest?date=2024-03-04&format=json&max_stories=1".into(),
            "/api/digest",
            200,
        ),
        ("/api/digest?date=1999-01-01".into(), "/api/digest", 200),
        ("/api/digest?date=soon".into(), "/api/digest", 400),
        ("/api/digest?format=pdf".into(), "/api/digest", 400),
        ("/api/digest?max_stories=-1".into(), "/api/digest", 400),
        ("/api/digest?bogus=1".into(), "/api/digest", 400),
        ("/api/quotes?speaker=okafor".into(), "/api/quotes", 200),
        ("/api/quotes".into(), "/api/quotes", 400),
        ("/api/people".into(), "/api/people", 200),
        (format!("/api/people/{pid}"), "/api/people/{id}", 200),
        ("/api/people/424242".into(), "/api/people/{id}", 404),
        ("/api/search?q=reservoir".into(), "/api/search", 200),
        ("/api/search?q=water&kind=quotes".into(), "/api/search", 200),
        ("/api/search?q=x&bogus=1".into(), "/api/search", 400),
    ];
    let (_, body) = get(&format!("{b}/api/digest?date=2024-03-04"));
    let digest = json(&body);
    assert!(
        !digest["stories"].as_array().unwrap().is_empty(),
        "the digest schema is checked on a real entry: {body}"
    );
    let mut errors = Vec::new();
    for (url, path, want) in &cases {
        let (status, body) = get(&format!("{b}{url}"));
        assert_eq!(status, *want, "{url}: {body}");
        let schema = response_schema(&spec, path, "get", status);
        check(&spec, schema, &json(&body), url, &mut errors);
    }
    let h = [
        ("Content-Type", "application/json"),
        ("Authorization", "Bearer tok"),
    ];
    let page = br#"{"content": "Pumps restart\nThe pumping station restarted on Sunday.", "url": "https://gazette.example/pumps"}"#;
    for want in [201, 200] {
        let (status, body) = post(&format!("{b}/api/ingest"), &h, page);
        assert_eq!(status, want, "{body}");
        let schema = response_schema(&spec, "/api/ingest", "post", status);
        check(&spec, schema, &json(&body), "/api/ingest", &mut errors);
    }
    for (body, want) in [
        (&br#"{"content": "x", "extra": 1}"#[..], 422),
        (&b"{"[..], 400),
    ] {
        let (status, answer) = post(&format!("{b}/api/ingest"), &h, body);
        assert_eq!(status, want, "{answer}");
        let schema = response_schema(&spec, "/api/ingest", "post", status);
        check(
            &spec,
            schema,
            &json(&answer),
            "/api/ingest error",
            &mut errors,
        );
    }
    assert!(
        errors.is_empty(),
        "answers differ from /openapi.json:\n{}",
        errors.join("\n")
    );
}
