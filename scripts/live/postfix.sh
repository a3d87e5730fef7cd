#!/usr/bin/env bash
# A real Postfix with Cyrus SASL on 127.0.0.1 for the live-probe tests.
#
#   scripts/live/postfix.sh up      install what is missing, (re)build the instance, start, wait
#   scripts/live/postfix.sh down    stop the instance
#   scripts/live/postfix.sh status  say whether it is up (exit 0 when up, 3 when not)
#
# State lives in ${SMTP_PREFLIGHT_POSTFIX_DIR:-/tmp/smtp-preflight-postfix}; `up` writes
# $DIR/env.json (ports, CA file, test user and its random password) for test/support/postfix.ts.
# Needs root (Postfix starts as root and drops privileges); re-runs itself with sudo otherwise.
set -euo pipefail

DIR=${SMTP_PREFLIGHT_POSTFIX_DIR:-/tmp/smtp-preflight-postfix}
CONF=$DIR/etc
QUEUE=$DIR/queue
DATA=$DIR/data
CERTS=$DIR/certs
MAILDIR=$DIR/Maildir
LOG=$DIR/postfix.log
ENV_FILE=$DIR/env.json
STAMP=$DIR/.config-stamp
TEMPLATES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/postfix
SELF=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")
HOST=127.0.0.1
DOMAIN=test.local
SASL_USER=probe
WAIT_SECONDS=20
PACKAGES=(postfix sasl2-bin libsasl2-modules openssl swaks libnet-ssleay-perl ca-certificates)
# name:port, in the order env.json lists them; weakkey is added when OpenSSL accepts the key.
SERVICES=(optional:10025 submission:10587 implicit:10465 plain:10026 expired:10466
  wronghost:10467 selfsigned:10468)
IMPLICIT_TLS_PORTS=" 10465 10466 10467 10469 "
WEAKKEY_PORT=10469

if [[ ! $DIR =~ ^/[A-Za-z0-9._/-]+$ ]]; then
  echo "postfix.sh: error: SMTP_PREFLIGHT_POSTFIX_DIR must be an absolute path of letters, digits," \
    "'.', '_', '-' and '/' (got '$DIR')" >&2
  exit 2
fi

say() { echo "postfix.sh: $*"; }
fail() {
  echo "postfix.sh: error: $*" >&2
  if [[ -s $LOG ]]; then
    echo "--- last lines of $LOG ---" >&2
    tail -n 30 "$LOG" >&2
  fi
  exit 1
}

ensure_root() {
  [[ $(id -u) -eq 0 ]] && return 0
  if command -v sudo >/dev/null; then
    exec sudo SMTP_PREFLIGHT_POSTFIX_DIR="$DIR" bash "$SELF" "$@"
  fi
  echo "postfix.sh: error: Postfix must be installed and started as root; run this script as root" \
    "(CI does) or install sudo." >&2
  exit 1
}

# --- packages ---------------------------------------------------------------------------------

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      printf '%s\n' "$p"
    fi
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || fail "missing packages (${missing[*]}) and no apt-get to install them"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
  # Keep the package from starting the system-wide Postfix; removed again whatever happens.
  local policy=/usr/sbin/policy-rc.d created_policy=
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && created_policy=1
  fi
  local status=0
  {
    # Wait for another apt (unattended upgrades, a parallel job) instead of failing at once.
    apt-get -o DPkg::Lock::Timeout=120 update -qq &&
      apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends "${missing[@]}" \
        </dev/null
  } >"$DIR/apt.log" 2>&1 || status=$?
  [[ -n $created_policy ]] && rm -f "$policy"
  if [[ $status -ne 0 ]]; then
    tail -n 20 "$DIR/apt.log" >&2
    fail "apt-get could not install ${missing[*]} (full output in $DIR/apt.log)"
  fi
}

# --- certificates -----------------------------------------------------------------------------

# Signs $1.csr with the test CA into $1.pem (+ $1-chain.pem with the CA), between $2 and $3
# (YYYYMMDDHHMMSSZ): `openssl ca` because OpenSSL 3.0's x509 cannot set a past notBefore/notAfter.
sign_with_ca() {
  local name=$1 start=$2 end=$3
  openssl ca -batch -notext -config "$CERTS/ca.cnf" -extensions "ext_$name" \
    -startdate "$start" -enddate "$end" -in "$CERTS/$name.csr" -out "$CERTS/$name.pem" \
    >>"$CERTS/openssl.log" 2>&1 || fail "openssl ca could not sign the $name certificate (see $CERTS/openssl.log)"
  cat "$CERTS/$name.pem" "$CERTS/ca.pem" >"$CERTS/$name-chain.pem"
}

new_key_and_csr() {
  local name=$1 bits=$2 cn=$3
  openssl req -new -newkey "rsa:$bits" -nodes -subj "/CN=$cn" \
    -keyout "$CERTS/$name.key" -out "$CERTS/$name.csr" >>"$CERTS/openssl.log" 2>&1 ||
    fail "openssl req could not make the $name key (see $CERTS/openssl.log)"
}

# Made once; again only when the code that makes them changed.
make_certificates() {
  local recipe
  recipe=$(declare -f make_certificates new_key_and_csr sign_with_ca weak_key_usable | sha256sum)
  [[ $(cat "$CERTS/done" 2>/dev/null) == "$recipe" ]] && return 0
  rm -rf "$CERTS" && mkdir -p "$CERTS/newcerts"
  : >"$CERTS/index.txt"
  openssl rand -hex 8 >"$CERTS/serial"
  cat >"$CERTS/ca.cnf" <<EOF
[ca]
default_ca = test_ca
[test_ca]
dir = $CERTS
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
certificate = \$dir/ca.pem
private_key = \$dir/ca.key
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[ext_valid]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[ext_expired]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
[ext_wronghost]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example.net
authorityKeyIdentifier = keyid
[ext_weakkey]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
authorityKeyIdentifier = keyid
EOF
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=smtp-preflight test CA' \
    -addext 'basicConstraints=critical,CA:true' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
    -keyout "$CERTS/ca.key" -out "$CERTS/ca.pem" >>"$CERTS/openssl.log" 2>&1 ||
    fail "openssl could not make the test CA (see $CERTS/openssl.log)"

  local now_minus_1d in_10y
  now_minus_1d=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
  in_10y=$(date -u -d '+10 years' +%Y%m%d%H%M%SZ)
  new_key_and_csr valid 2048 127.0.0.1
  sign_with_ca valid "$now_minus_1d" "$in_10y"
  new_key_and_csr expired 2048 127.0.0.1
  sign_with_ca expired 20200101000000Z 20210101000000Z
  new_key_and_csr wronghost 2048 wrong.example.net
  sign_with_ca wronghost "$now_minus_1d" "$in_10y"
  new_key_and_csr weakkey 1024 127.0.0.1
  sign_with_ca weakkey "$now_minus_1d" "$in_10y"

  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=127.0.0.1' \
    -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
    -keyout "$CERTS/selfsigned.key" -out "$CERTS/selfsigned.pem" >>"$CERTS/openssl.log" 2>&1 ||
    fail "openssl could not make the self-signed certificate (see $CERTS/openssl.log)"

  # Asked once, with the certificates (it takes a second).
  if weak_key_usable; then echo yes; else echo no; fi >"$CERTS/weakkey.usable"

  chmod 0644 "$CERTS"/*.pem
  chown root:postfix "$CERTS"/*.key && chmod 0640 "$CERTS"/*.key
  echo "$recipe" >"$CERTS/done"
}

# Whether OpenSSL lets a server use the 1024-bit key at security level 1 (the weakkey service sets
# that level through openssl-weakkey.cnf; Debian's default level 2 refuses "ee key too small").
weak_key_usable() {
  local rc=0
  timeout 1 openssl s_server -cert "$CERTS/weakkey.pem" -key "$CERTS/weakkey.key" \
    -cipher 'DEFAULT:@SECLEVEL=1' -accept "$HOST:$WEAKKEY_PORT" -naccept 1 </dev/null \
    >/dev/null 2>&1 || rc=$?
  # Still running when the timeout hit: the certificate was accepted.
  [[ $rc -eq 124 ]]
}

# The weakkey service runs when make_certificates found the 1024-bit key usable.
WEAKKEY=
add_weakkey_service() {
  [[ -z $WEAKKEY && $(cat "$CERTS/weakkey.usable" 2>/dev/null) == yes ]] || return 0
  WEAKKEY=1
  SERVICES+=("weakkey:$WEAKKEY_PORT")
}

# --- the instance -----------------------------------------------------------------------------

render() {
  local from=$1 to=$2
  sed -e "s|@DIR@|$DIR|g" -e "s|@CONF@|$CONF|g" -e "s|@QUEUE@|$QUEUE|g" -e "s|@DATA@|$DATA|g" \
    -e "s|@CERTS@|$CERTS|g" -e "s|@LOG@|$LOG|g" -e "s|@UID@|$MAIL_UID|g" -e "s|@GID@|$MAIL_GID|g" \
    "$from" >"$to"
}

write_config() {
  mkdir -p "$CONF/sasl" "$QUEUE" "$DATA"
  chmod 0755 "$DIR" "$CONF"
  chown postfix: "$DATA"
  render "$TEMPLATES/main.cf.in" "$CONF/main.cf"
  render "$TEMPLATES/master.cf.in" "$CONF/master.cf.tmp"
  local weak_block=''
  if [[ -n $WEAKKEY ]]; then
    weak_block="# weakkey: implicit TLS with a CA-signed certificate on a 1024-bit RSA key.
$HOST:$WEAKKEY_PORT inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_tls_security_level=encrypt
  -o smtpd_tls_cert_file=$CERTS/weakkey-chain.pem
  -o smtpd_tls_key_file=$CERTS/weakkey.key
  -o tls_config_file=$TEMPLATES/openssl-weakkey.cnf
  -o tls_config_name=smtpd_weakkey"
  fi
  WEAK_BLOCK=$weak_block awk '$0 == "@WEAKKEY@" { if (ENVIRON["WEAK_BLOCK"] != "") print ENVIRON["WEAK_BLOCK"]; next } { print }' \
    "$CONF/master.cf.tmp" >"$CONF/master.cf"
  rm -f "$CONF/master.cf.tmp"
  render "$TEMPLATES/smtpd.conf.in" "$CONF/sasl/smtpd.conf"
  cp "$TEMPLATES/recipient_access" "$TEMPLATES/vmailbox" "$CONF/"
  # Postfix 3.7 stalls about 2.4 s at start when main.cf is only seconds old.
  touch -d '-10 seconds' "$CONF"/main.cf "$CONF"/master.cf

  mkdir -p "$MAILDIR"/{new,cur,tmp}
  chown -R "$MAIL_UID:$MAIL_GID" "$MAILDIR"
  chmod 0755 "$MAILDIR" "$MAILDIR"/{new,cur,tmp}
}

# A fresh random password for the test user on every (re)build; never printed.
write_sasldb() {
  PASSWORD=$(openssl rand -hex 16)
  rm -f "$CONF/sasldb2"
  printf '%s' "$PASSWORD" | saslpasswd2 -p -c -f "$CONF/sasldb2" -u "$DOMAIN" "$SASL_USER" ||
    fail "saslpasswd2 could not create the test user"
  chown root:postfix "$CONF/sasldb2" && chmod 0640 "$CONF/sasldb2"
}

write_env() {
  local ports='' s name port
  for s in "${SERVICES[@]}"; do
    name=${s%%:*} port=${s##*:}
    ports+="${ports:+,}\"$name\":$port"
  done
  local tmp=$ENV_FILE.tmp
  (
    umask 077
    cat >"$tmp" <<EOF
{
  "host": "$HOST",
  "ports": {$ports},
  "caFile": "$CERTS/ca.pem",
  "selfSignedCertFile": "$CERTS/selfsigned.pem",
  "username": "$SASL_USER@$DOMAIN",
  "password": "$PASSWORD",
  "domain": "$DOMAIN",
  "inbox": "inbox@$DOMAIN",
  "reject": "reject@$DOMAIN",
  "defer": "defer@$DOMAIN",
  "maildir": "$MAILDIR",
  "log": "$LOG"
}
EOF
  )
  # The user who ran the script through sudo reads it too.
  [[ -n ${SUDO_UID:-} ]] && chown "$SUDO_UID" "$tmp"
  mv "$tmp" "$ENV_FILE"
}

master_pid() {
  local pid
  [[ -r $QUEUE/pid/master.pid ]] || return 1
  pid=$(tr -d ' \n' <"$QUEUE/pid/master.pid")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && printf '%s\n' "$pid"
}

# Reads the first line the server sends on $1 (through TLS when it is an implicit-TLS port).
greeting() {
  local port=$1 line=''
  if [[ $IMPLICIT_TLS_PORTS == *" $port "* ]]; then
    # No certificate check here: the expired and wrong-host ports must count too.
    coproc TLS { exec timeout 5 openssl s_client -quiet -connect "$HOST:$port" 2>/dev/null; }
    # The array vanishes as soon as bash reaps a coprocess that failed (nothing listening).
    local rfd=${TLS[0]:-} wfd=${TLS[1]:-} cpid=${TLS_PID:-}
    if [[ -n $rfd && -n $wfd ]]; then
      read -r -t 5 line <&"$rfd" || true
      printf 'QUIT\r\n' >&"$wfd" 2>/dev/null || true
    fi
    if [[ -n $cpid ]]; then
      kill "$cpid" 2>/dev/null || true
      wait "$cpid" 2>/dev/null || true
    fi
  else
    local fd
    if exec {fd}<>"/dev/tcp/$HOST/$port" 2>/dev/null; then
      read -r -t 5 line <&"$fd" || true
      printf 'QUIT\r\n' >&"$fd" 2>/dev/null || true
      exec {fd}>&-
    fi
  fi
  printf '%s\n' "${line%$'\r'}"
}

all_ports() {
  local s
  for s in "${SERVICES[@]}"; do printf '%s\n' "${s##*:}"; done
}

# Waits until every port answers 220 (by asking all ports at once); prints the ports that do not.
wait_for_greetings() {
  local deadline=$((SECONDS + $1)) port pending answers
  mapfile -t pending < <(all_ports)
  answers=$(mktemp -d)
  while :; do
    local still=()
    for port in "${pending[@]}"; do
      greeting "$port" >"$answers/$port" &
    done
    wait
    for port in "${pending[@]}"; do
      [[ $(<"$answers/$port") == 220* ]] || still+=("$port")
    done
    pending=("${still[@]}")
    if [[ ${#pending[@]} -eq 0 ]]; then
      rm -rf "$answers"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      rm -rf "$answers"
      printf '%s\n' "${pending[*]}"
      return 1
    fi
    sleep 0.2
  done
}

stop_instance() {
  local pid
  pid=$(master_pid) || return 0
  kill -TERM "$pid"
  local i
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  fail "the Postfix master (pid $pid) did not exit within 10 s of SIGTERM"
}

# The instance is rebuilt when this script or its templates changed since it was started.
config_stamp() {
  cat "$SELF" "$TEMPLATES"/* | sha256sum | cut -d' ' -f1
}

cmd_up() {
  mkdir -p "$DIR"
  install_packages
  MAIL_UID=$(id -u postfix) MAIL_GID=$(id -g postfix)
  # Deliver as the user who ran us through sudo, so the tests can read the messages.
  if [[ -n ${SUDO_UID:-} && ${SUDO_UID} -ne 0 ]]; then
    MAIL_UID=$SUDO_UID MAIL_GID=${SUDO_GID:-$SUDO_UID}
  fi
  local stamp
  stamp=$(config_stamp)

  add_weakkey_service
  if master_pid >/dev/null && [[ -s $ENV_FILE && $(cat "$STAMP" 2>/dev/null) == "$stamp" ]]; then
    local down
    if down=$(wait_for_greetings 5); then
      say "already up ($ENV_FILE)"
      return 0
    fi
    say "running but port(s) $down do not answer 220: restarting"
  fi
  stop_instance

  make_certificates
  add_weakkey_service
  write_config
  write_sasldb
  : >"$LOG"

  postfix -c "$CONF" start >>"$LOG" 2>&1 || fail "postfix could not start (config in $CONF)"
  local down
  if ! down=$(wait_for_greetings "$WAIT_SECONDS"); then
    stop_instance
    fail "port(s) $down did not answer 220 within ${WAIT_SECONDS} s"
  fi
  echo "$stamp" >"$STAMP"
  write_env
  say "up on $HOST ports $(all_ports | paste -sd' ')${WEAKKEY:+ (10469: 1024-bit key)}; settings in $ENV_FILE"
}

cmd_down() {
  # Without env.json the live tests skip locally (and fail on CI) instead of hitting a dead port.
  rm -f "$ENV_FILE"
  if ! master_pid >/dev/null; then
    say "not running"
    return 0
  fi
  stop_instance
  say "stopped"
}

cmd_status() {
  local pid
  if pid=$(master_pid); then
    say "up (master pid $pid, settings in $ENV_FILE)"
    return 0
  fi
  say "down"
  return 3
}

main() {
  local cmd=${1:-}
  case $cmd in
    up | down | status) ;;
    *)
      echo "usage: $0 up|down|status" >&2
      exit 2
      ;;
  esac
  if [[ $cmd == status ]]; then
    cmd_status
    return
  fi
  ensure_root "$@"
  "cmd_$cmd"
}

main "$@"
