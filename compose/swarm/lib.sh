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
