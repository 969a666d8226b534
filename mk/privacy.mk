# A person's access and erasure requests (GDPR articles 15 and 17; docs/privacy.md, ADR 0023).
#   make export USER=<user_id> [API=https://<id>.execute-api.<region>.amazonaws.com/prod] > export.json
#   make erase  USER=<user_id> [API=…]
# Against the local host (`make run`) by default. With an https API, requests are signed with SigV4 (curl --aws-sigv4,
# curl >= 7.75) from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (if set) and AWS_REGION: in AWS both
# routes are AWS_IAM, so the caller needs execute-api:Invoke on them.

API ?= http://127.0.0.1:$(LIVEINSIGHT_PORT)/prod

.PHONY: export erase

# The id reaches the shell through the environment, so that no quote or $ in it can break the recipe.
erase export: export PRIVACY_USER_ID = $(USER)

# The curl arguments of one request: SigV4 for an https API, nothing for the local host. USER must be given on the
# command line: make's USER is otherwise the login name, and erasing that by accident must not be possible.
define user_data_setup
if [ "$(origin USER)" != "command line" ] || [ -z "$$PRIVACY_USER_ID" ]; then echo "usage: make $@ USER=<user_id> [API=https://…/prod]" >&2; exit 2; fi; \
user=$$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' -- "$$PRIVACY_USER_ID"); \
sign=(); \
case "$(API)" in https://*) \
  if [ -z "$$AWS_REGION" ] || [ -z "$$AWS_ACCESS_KEY_ID" ] || [ -z "$$AWS_SECRET_ACCESS_KEY" ]; then \
    echo "signing for $(API) needs AWS_REGION, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)" >&2; exit 2; fi; \
  sign=(--aws-sigv4 "aws:amz:$$AWS_REGION:execute-api" --user "$$AWS_ACCESS_KEY_ID:$$AWS_SECRET_ACCESS_KEY"); \
  if [ -n "$$AWS_SESSION_TOKEN" ]; then sign+=(-H "x-amz-security-token: $$AWS_SESSION_TOKEN"); fi;; \
esac
endef

# Follows next_cursor to the last page and prints one document: {"user_id","events":[…],"sessions":[…]}.
export:
	@set -o pipefail; $(user_data_setup); \
	pages=$$(mktemp); trap 'rm -f "$$pages"' EXIT; cursor=""; \
	while :; do \
	  page=$$(curl -sS --fail-with-body "$${sign[@]}" "$(API)/users/$$user/export?limit=100$${cursor:+&cursor=$$cursor}") \
	    || { echo "export failed: $$page" >&2; exit 1; }; \
	  printf '%s\n' "$$page" >> "$$pages"; \
	  cursor=$$(printf '%s' "$$page" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).next_cursor??""))'); \
	  [ -n "$$cursor" ] || break; \
	done; \
	node -e 'const p=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n").map(JSON.parse); console.log(JSON.stringify({user_id:p[0].user_id,events:p.flatMap(x=>x.events),sessions:p.flatMap(x=>x.sessions)},null,2))' "$$pages"

# Calls DELETE until the answer says complete (each call stops inside its time budget; the next one continues).
erase:
	@$(user_data_setup); \
	while :; do \
	  answer=$$(curl -sS --fail-with-body -X DELETE "$${sign[@]}" "$(API)/users/$$user") \
	    || { echo "erase failed: $$answer" >&2; exit 1; }; \
	  echo "$$answer"; \
	  case "$$answer" in *'"complete":true'*) break;; esac; \
	done
