package lib.net_test

import data.lib.net

test_world_cidrs if {
	net.is_public("0.0.0.0/0")
	net.is_public("::/0")
	net.is_public("0.0.0.0/1")
}

test_private_and_narrow_cidrs_are_not_public if {
	not net.is_public("10.0.0.0/8")
	not net.is_public("203.0.113.7/32")
	not net.is_public("2001:db8::/32")
}

test_range_overlap if {
	net.restricted_in_range(20, 25, "tcp") == {20, 21, 22, 23}
	net.restricted_in_range(443, 443, "tcp") == set()
	count(net.restricted_in_range(0, 0, "-1")) == count(net.restricted_in_range(-1, -1, "tcp"))
	net.restricted_in_range("3389", "3389", "tcp") == {3389}
}

test_describe if {
	net.describe_all({22, 3389}) == "SSH (22), RDP (3389)"
	net.describe_all({20, 21, 22, 3389, 5432}) == "SSH (22), RDP (3389), FTP data (20), FTP (21), PostgreSQL (5432)"
}

test_wide_prefixes_count_as_public if {
	net.is_public("1.2.3.4/5")
	net.is_public("0.0.0.0/0")
	net.is_public("2001:db8::/12")
	not net.is_public("0.0.0.0/12")
	not net.is_public("10.0.0.0/8")
	not net.is_public("2001:db8::/32")
}
