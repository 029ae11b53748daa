//! The **relate** stage of newsdesk (under construction).
