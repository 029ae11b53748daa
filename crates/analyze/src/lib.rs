//! The **analyze** stage of newsdesk (under construction).
