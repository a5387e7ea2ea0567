//! Login state (`im_open_login_svc/kick`, `openim/query_online_status`).
