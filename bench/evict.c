/*
 * evict.c -- bench only: drops files from the operating system's page
 * cache, so that the next query reads them from disk.
 *
 *   evict FILE...
 *
 * A cold-cache measurement without root and without disturbing anyone
 * else's files (drop_caches would): the file is synced, then
 * posix_fadvise(POSIX_FADV_DONTNEED) asks the kernel to forget its pages.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) continue; /* a WAL or journal that is not there */
        if (fdatasync(fd) != 0 || posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) != 0) {
            perror(argv[i]);
            status = 1;
        }
        close(fd);
    }
    return status;
}
