/*
 * ProcessPrng for Wine 8 (Debian 12), which lacks bcryptprimitives.dll:
 * Go's runtime loads it from System32 on every Windows it supports (10 and
 * later all have it). Used by the Wine tests only, never shipped; it draws
 * from RtlGenRandom, which Wine has.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
	while (length > 0) {
		ULONG n = length > 0x10000000 ? 0x10000000 : (ULONG)length;
		if (!SystemFunction036(data, n))
			return FALSE;
		data += n;
		length -= n;
	}
	return TRUE;
}
