package lib.shell_test

import data.lib.shell

test_curl_and_wget_into_shells if {
	shell.download_to_shell("set -e\ncurl -fsSL https://get.x.test | sh\n") == {"curl -fsSL https://get.x.test | sh"}
	shell.download_to_shell("wget -qO- https://x.test/i.sh | sudo bash -s -- -y") == {"wget -qO- https://x.test/i.sh | sudo bash -s -- -y"}
	count(shell.download_to_shell("bash <(curl -s https://x.test/i.sh)")) == 1
}

test_safe_scripts if {
	shell.download_to_shell("curl -fsSLo install.sh https://x.test/i.sh\nsha256sum -c sums\nsh install.sh") == set()
	shell.download_to_shell("curl -s https://api.test | jq .version") == set()
	shell.download_to_shell("echo curl | sh") == set()
	shell.download_to_shell(null) == set()
}
