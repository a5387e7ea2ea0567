//! Profiles (`profile/portrait_*`).
