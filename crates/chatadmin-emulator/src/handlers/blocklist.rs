//! Blocklists (`sns/black_list_*`).
