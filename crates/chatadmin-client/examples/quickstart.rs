use chatadmin_client::api::account::AccountImport;
use chatadmin_client::api::friend::{DeleteType, FriendDelete};
use chatadmin_client::{Client, Region};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = std::env::var("CHATADMIN_SECRET_KEY").map_err(|_| "set CHATADMIN_SECRET_KEY")?;
    let builder = Client::builder(1400000000).secret_key(key);
    // CHATADMIN_BASE_URL=http://127.0.0.1:PORT sends the calls to an emulator instead
    // (`chatadmin emulator --sdkappid 1400000000 --key KEY` prints its URL).
    let client = match std::env::var("CHATADMIN_BASE_URL") {
        Ok(url) => builder.base_url(&url),
        Err(_) => builder.region(Region::Singapore),
    }
    .build()?; // Send + Sync: share one client across all threads

    client
        .accounts()
        .import(&AccountImport::new("alice").nick("Alice"))?;

    // 2,500 accounts: split into three calls of at most 1,000, results merged in order.
    let ids: Vec<String> = (0..2500).map(|i| format!("player{i}")).collect();
    let resp = client
        .friends()
        .delete(&FriendDelete::new("alice", &ids).delete_type(DeleteType::Both))?;
    println!(
        "{} results, {} failed",
        resp.result_item.len(),
        resp.failures().count()
    );
    if let Some(item) = resp.failures().next() {
        println!(
            "for example {}: {} {}",
            item.to_account, item.result_code, item.result_info
        );
    }

    // Any endpoint by wire path, through the same typed validation:
    let body = serde_json::json!({"CheckItem": [{"UserID": "alice"}]});
    let v = client.call_json("im_open_login_svc/account_check", body)?;
    println!("{v}");
    Ok(())
}
