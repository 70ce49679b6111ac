# The network the Pester layers' private namespaces get (run by sh inside 'unshare -n'; both
# ends of everything stay in the namespace, so nothing can leave it):
#  - lo up, with a long IPv6 address (all eight groups four digits wide) for the 80-column views;
#  - one Ethernet-like veth pair nsps0/nsps1 with an IPv4 and an IPv6 address and a default route,
#    as every real machine has (Wine 8 shows no loopback routes, so lo alone gives no route table).
# NetstatPS.TestSupport.psm1 names the same addresses; change both together.
set -e
ip link set lo up
ip -6 addr add fd00:1234:5678:9abc:def0:1234:5678:9abc/128 dev lo nodad
ip link add nsps0 type veth peer name nsps1
ip addr add 192.0.2.1/24 dev nsps0
ip -6 addr add fd00:5ec::1/64 dev nsps0 nodad
ip link set nsps0 up
ip link set nsps1 up
ip route add default via 192.0.2.254 dev nsps0 metric 5
