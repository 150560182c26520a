# Shared by the Swarm scripts (sourced, not run).
# shellcheck shell=bash
STACK=${STACK:-microshop}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}

say() { printf '==> %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

# The stack's services with their replicas, e.g. "microshop_order-service 2/2".
replicas() {
	docker service ls --filter "label=com.docker.stack.namespace=$STACK" --format '{{.Name}} {{.Replicas}}'
}

# Waits until every service of the stack runs all its replicas (a task with a health check
# counts once it is healthy) and the gateway routes to each Java service.
wait_converged() {
	local timeout=${1:-600} started now line name want have pending service
	started=$(date +%s)
	while :; do
		pending=""
		while read -r name line; do
			have=${line%%/*}
			want=${line#*/}
			want=${want%% *}
			[ "$have" = "$want" ] || pending="$pending ${name#"${STACK}"_}($line)"
		done < <(replicas)
		if [ -z "$pending" ]; then
			for service in user-service order-service payment-service notification-service; do
				if ! curl -fs -o /dev/null --max-time 5 "$GATEWAY/api/docs/$service"; then
					pending="$pending gateway->$service"
				fi
			done
		fi
		now=$(date +%s)
		if [ -z "$pending" ]; then
			say "all replicas running and healthy, gateway routing ($((now - started)) s)"
			return 0
		fi
		if [ $((now - started)) -ge "$timeout" ]; then
			replicas >&2
			fail "not converged after $timeout s:$pending"
		fi
		sleep 5
	done
}

# The state of a service's last update: updating, completed, rollback_started,
# rollback_completed, paused, rollback_paused.
update_state() {
	docker service inspect -f '{{if .UpdateStatus}}{{.UpdateStatus.State}}{{end}}' "${STACK}_$1"
}

# Waits until a service's update or rollback has ended (the state stays "updating" for
# update_config.monitor after the last task changed) and prints its final state.
await_update() {
	local state started
	started=$(date +%s)
	while :; do
		state=$(update_state "$1")
		case $state in
		updating | rollback_started) ;;
		*)
			echo "$state"
			return 0
			;;
		esac
		if [ $(($(date +%s) - started)) -ge 600 ]; then
			echo "$state"
			return 0
		fi
		sleep 2
	done
}

image_of() {
	docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "${STACK}_$1" | sed 's/@sha256:.*//'
}

# --- Releases through the gateway (blue-green, canary) ---
# The gateway keeps a service's version weights in memory. With several gateway replicas,
# run the scripts against each (GATEWAY=http://<node>:8080), or set the weights on the gateway
# service for good: docker service update --env-add MICROSHOP_CANARY_WEIGHTS_ORDERSERVICE_V2=10 ...

# An administrator's access token (the account of ADMIN_EMAIL, password in compose/secrets).
admin_token() {
	local password
	password=$(cat "$(dirname "${BASH_SOURCE[0]}")/../secrets/admin_password")
	curl -fsS -H 'Content-Type: application/json' \
		-d "{\"email\":\"${ADMIN_EMAIL:-admin@microshop.dev}\",\"password\":\"$password\"}" \
		"$GATEWAY/api/auth/login" | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p'
}

# Sets a service's version weights at the gateway, e.g. set_weights order-service v1=90,v2=10
set_weights() {
	say "gateway: $1 weights $2"
	curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $(admin_token)" -H 'Content-Type: application/json' \
		-d "{\"weights\":\"$2\"}" "$GATEWAY/actuator/canary/$1"
}

# Which version served each of N anonymous requests to a service (X-Served-Version),
# counted: "  180 v1" / "   20 v2".
served_versions() {
	local _
	for _ in $(seq "$2"); do
		curl -fsS -o /dev/null -D - "$GATEWAY/api/docs/$1" | tr -d '\r' | sed -n 's/^[Xx]-[Ss]erved-[Vv]ersion: //p'
	done | sort | uniq -c
}

# Puts TAG on the service's v2 deployment (SERVICE-v2 in stack.yaml) with REPLICAS replicas
# and waits until they are healthy; the gateway sends them nothing until weights say so.
deploy_v2() {
	local service=$1 tag=$2 count=$3
	say "${service}-v2: microshop/$service:$tag, $count replica(s)"
	docker service update --image "microshop/$service:$tag" --replicas "$count" --detach=false --quiet \
		"${STACK}_${service}-v2" >/dev/null
	[ "$(docker service ls --filter "name=${STACK}_${service}-v2" --format '{{.Replicas}}')" = "$count/$count" ] ||
		fail "${service}-v2 did not become healthy"
}
