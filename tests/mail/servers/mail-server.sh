#!/bin/bash
# Loopback-only Dovecot (IMAP/IMAPS/LMTP/SASL) + Postfix (SMTP/submission) for the mail tests.
# Adapted from the shared recipe ../shared/recipes/mail-server.sh (see mail-peers.md there):
# added here are OAuth 2.0 logins (XOAUTH2/OAUTHBEARER checked against OAUTH_INTROSPECT_URL,
# which tests/mail/servers/oauth-introspection.ts serves) and a doveadm wrapper for tests that
# need to change a mailbox behind the client's back (UIDVALIDITY).
# Usage: mail-server.sh start|stop|status|restart|wipe|doveadm ARGS...   (must run as root)
# Needs: apt-get install -y --no-install-recommends dovecot-imapd dovecot-lmtpd postfix openssl
set -euo pipefail

D=${MAILTEST_DIR:?set MAILTEST_DIR to a short scratch folder}          # keep short: unix socket paths must be < 108 chars
IMAP_PORT=${IMAP_PORT:-1143}
IMAPS_PORT=${IMAPS_PORT:-1993}
SMTP_PORT=${SMTP_PORT:-1025}                    # MX-style, no auth, only accepts mail for $DOMAIN
SUBMISSION_PORT=${SUBMISSION_PORT:-1587}        # AUTH required, STARTTLS offered (not required)
SUBMISSIONS_PORT=${SUBMISSIONS_PORT:-1465}      # implicit TLS + AUTH
DOMAIN=${MAIL_DOMAIN:-example.test}
# "user:password" pairs (local parts), space separated
USERS=${MAIL_USERS:-"alice:alicepw bob:bobpw"}
# Where Dovecot asks whether an OAuth access token is good (POST token=...); empty turns OAuth off.
OAUTH_URL=${OAUTH_INTROSPECT_URL:-}

DC="$D/dovecot/dovecot.conf"
PF="$D/postfix/etc"          # config dir must NOT contain the queue dir (postfix check warns)
PQ="$D/postfix"

write_config() {
  mkdir -p "$D"/{dovecot,postfix/etc,postfix/spool,postfix/data,mail,log,tls}
  chmod 0755 "$D"                    # mktemp -d makes 0700: the postfix and mail users must traverse it
  chown postfix:postfix "$PQ/data"   # master.lock lives here
  if [ ! -s "$D/tls/key.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
      -keyout "$D/tls/key.pem" -out "$D/tls/cert.pem" 2>/dev/null
    chmod 600 "$D/tls/key.pem"
  fi
  : > "$D/dovecot/users"; : > "$PF/vmailbox"
  for up in $USERS; do
    u=${up%%:*}; p=${up#*:}
    echo "$u@$DOMAIN:{PLAIN}$p::::::" >> "$D/dovecot/users"
    echo "$u@$DOMAIN OK" >> "$PF/vmailbox"
  done
  chown mail:mail "$D/mail"

  cat > "$DC" <<EOF
instance_name = mailtest
base_dir = $D/dovecot/run
state_dir = $D/dovecot/state
protocols = imap lmtp
listen = 127.0.0.1
log_path = $D/log/dovecot.log
ssl = yes
ssl_cert = <$D/tls/cert.pem
ssl_key = <$D/tls/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login$( [ -n "$OAUTH_URL" ] && echo " xoauth2 oauthbearer" )
auth_failure_delay = 0
auth_default_realm = $DOMAIN
first_valid_uid = 8
mail_uid = mail
mail_gid = mail
mail_location = maildir:~/Maildir
mail_max_userip_connections = 100
mail_fsync = never
passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%Lu $D/dovecot/users
}
$( [ -n "$OAUTH_URL" ] && printf 'passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = %s\n}\n' "$D/dovecot/oauth2.conf.ext" )
userdb {
  driver = static
  # allow_all_users: LMTP and doveadm look users up without a login mechanism, which the
  # mechanism-restricted passdbs below skip; Postfix's vmailbox list still decides who exists.
  args = uid=mail gid=mail home=$D/mail/%Ld/%Ln allow_all_users=yes
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $IMAPS_PORT
    ssl = yes
  }
}
service lmtp {
  unix_listener lmtp {
    mode = 0666
  }
}
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
EOF

  cat > "$D/dovecot/oauth2.conf.ext" <<EOF
introspection_mode = post
introspection_url = $OAUTH_URL
username_attribute = username
active_attribute = active
active_value = true
EOF

  cat > "$PF/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $PQ/spool
data_directory = $PQ/data
mail_owner = postfix
setgid_group = postdrop
maillog_file = $D/log/postfix.log
maillog_file_prefixes = $D/log
myhostname = mail.$DOMAIN
mydomain = $DOMAIN
myorigin = \$mydomain
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
biff = no
message_size_limit = 52428800
virtual_mailbox_domains = $DOMAIN
virtual_mailbox_maps = texthash:$PF/vmailbox
virtual_transport = lmtp:unix:$D/dovecot/run/lmtp
default_transport = error:outbound mail disabled on test server
relay_transport = error:outbound mail disabled on test server
smtpd_sasl_type = dovecot
smtpd_sasl_path = $D/dovecot/run/auth-postfix
smtpd_tls_cert_file = $D/tls/cert.pem
smtpd_tls_key_file = $D/tls/key.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_error_sleep_time = 0
EOF

  cat > "$PF/master.cf" <<EOF
127.0.0.1:$SMTP_PORT inet n - n - - smtpd
127.0.0.1:$SUBMISSION_PORT inet n - n - - smtpd
  -o syslog_name=postfix/submission
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
127.0.0.1:$SUBMISSIONS_PORT inet n - n - - smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOF
  # Postfix commands stall 1-2 s when main.cf/master.cf were modified within the current second; backdate them.
  touch -d "@$(( $(date +%s) - 2 ))" "$PF/main.cf" "$PF/master.cf" "$PF/vmailbox"
}

wait_port() { # port
  for _ in $(seq 1 100); do
    (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "port $1 did not open" >&2; return 1
}

dovecot_running() { [ -f "$D/dovecot/run/master.pid" ] && kill -0 "$(cat "$D/dovecot/run/master.pid")" 2>/dev/null; }
# "master -t" exits 1 while a master holds the pid lock (fast; "postfix status" takes ~1s)
postfix_running() { [ -f "$PF/main.cf" ] && ! /usr/lib/postfix/sbin/master -c "$PF" -t 2>/dev/null; }

start() {
  write_config
  # the daemons must not hold the caller's stdout/stderr open (a test runner would wait on them)
  dovecot_running || dovecot -c "$DC" </dev/null >/dev/null 2>>"$D/log/dovecot-start.log"
  postfix_running || postfix -c "$PF" start </dev/null >/dev/null 2>&1 || { tail -20 "$D/log/postfix.log" >&2; exit 1; }
  for p in $IMAP_PORT $IMAPS_PORT $SMTP_PORT $SUBMISSION_PORT $SUBMISSIONS_PORT; do wait_port "$p"; done
  echo "mail server up: IMAP 127.0.0.1:$IMAP_PORT IMAPS :$IMAPS_PORT SMTP :$SMTP_PORT submission :$SUBMISSION_PORT submissions :$SUBMISSIONS_PORT"
}

stop() {
  local dpid="" ppid=""
  # send SIGTERM to both masters first (what "postfix abort" does, minus its ~1 s of logging overhead)
  if postfix_running; then ppid=$(sed 1q "$PQ/spool/pid/master.pid" | tr -d ' '); kill "$ppid" 2>/dev/null || true; fi
  if dovecot_running; then dpid=$(cat "$D/dovecot/run/master.pid"); kill "$dpid" 2>/dev/null || true; fi
  # wait until gone (a zombie counts as gone: PID 1 may reap it late). Dovecot's master sleeps ~1 s on shutdown.
  for _ in $(seq 1 200); do
    { [ -n "$ppid" ] && postfix_running; } || { [ -n "$dpid" ] && grep -qsE '^State:[[:space:]]+[^Z[:space:]]' "/proc/$dpid/status"; } || break
    sleep 0.05
  done
  return 0
}

status() {
  dovecot_running && echo "dovecot: running" || echo "dovecot: stopped"
  postfix_running && echo "postfix: running" || echo "postfix: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  wipe) stop; rm -rf "$D" ;;
  doveadm) shift; doveadm -c "$DC" "$@" ;;
  *) echo "usage: $0 start|stop|restart|status|wipe|doveadm ARGS" >&2; exit 2 ;;
esac
