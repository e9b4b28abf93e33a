"""Authentication of platform users and the one permission check every view and menu uses."""
