/* webhook_receiver.c - test helper: receives narrate serve's job callbacks on 127.0.0.1 and checks their signature. */
/*
** usage: webhook_receiver SECRET_FILE PORT_FILE OUT_DIR FAIL_FIRST
**
** Listens on 127.0.0.1 (a free port, written to PORT_FILE once listening),
** answers the first FAIL_FIRST requests 500 (to make the sender retry) and
** the next one 200, then exits.  Each request's body goes to OUT_DIR/N.body
** and the check of its X-Narrate-Signature (HMAC-SHA256 of the body under
** the secret, libsodium) to OUT_DIR/N.sig: "ok" or "bad".  Gives up after
** 120 s (alarm), so a test never hangs on it.
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

static void put(const char *dir, int n, const char *ext, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%d.%s", dir, n, ext);
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

int main(int argc, char **argv)
{
    if (argc != 5 || sodium_init() < 0)
        return 2;
    alarm(120);
    unsigned char secret[1025];
    FILE *sf = fopen(argv[1], "rb");
    size_t slen = sf ? fread(secret, 1, sizeof secret, sf) : 0;
    if (sf)
        fclose(sf);
    while (slen && (secret[slen - 1] == '\n' || secret[slen - 1] == '\r'))
        slen--;
    int fail_first = atoi(argv[4]);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t al = sizeof a;
    if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 8) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &al) != 0)
        return 1;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
    FILE *pf = fopen(tmp, "w");
    if (!pf)
        return 1;
    fprintf(pf, "%u\n", ntohs(a.sin_port));
    fclose(pf);
    rename(tmp, argv[2]);
    for (int n = 0;; n++) {
        int c = accept(fd, NULL, NULL);
        if (c < 0)
            return 1;
        static char req[1 << 20];
        size_t got = 0;
        char *end = NULL;
        while (got < sizeof req - 1 && !end) {
            ssize_t r = read(c, req + got, sizeof req - 1 - got);
            if (r <= 0)
                break;
            got += (size_t)r;
            req[got] = '\0';
            end = strstr(req, "\r\n\r\n");
        }
        if (!end) {
            close(c);
            continue;
        }
        size_t head = (size_t)(end - req) + 4, clen = 0;
        char sig[128] = "";
        for (char *line = strstr(req, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
            if (strncasecmp(line, "Content-Length:", 15) == 0)
                clen = strtoul(line + 15, NULL, 10);
            else if (strncasecmp(line, "X-Narrate-Signature:", 20) == 0)
                sscanf(line + 20, " %127[^\r]", sig);
        }
        while (got < head + clen && got < sizeof req - 1) {
            ssize_t r = read(c, req + got, head + clen - got);
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        unsigned char mac[crypto_auth_hmacsha256_BYTES];
        crypto_auth_hmacsha256_state st;
        crypto_auth_hmacsha256_init(&st, secret, slen);
        crypto_auth_hmacsha256_update(&st, (unsigned char *)req + head, clen);
        crypto_auth_hmacsha256_final(&st, mac);
        char want[8 + 2 * sizeof mac + 1] = "sha256=";
        sodium_bin2hex(want + 7, 2 * sizeof mac + 1, mac, sizeof mac);
        int ok = strlen(sig) == strlen(want) && sodium_memcmp(sig, want, strlen(want)) == 0;
        put(argv[3], n, "body", req + head, clen);
        put(argv[3], n, "sig", ok ? "ok\n" : "bad\n", ok ? 3 : 4);
        const char *reply = n < fail_first
                                ? "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        if (write(c, reply, strlen(reply)) < 0)
            return 1;
        close(c);
        if (n >= fail_first)
            return 0;
    }
}
