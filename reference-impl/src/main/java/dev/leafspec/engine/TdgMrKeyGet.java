package dev.leafspec.engine;

import dev.leafspec.api.RegisterFile;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * TDG.MR.KEY.GET (leaf 29): derive a sealing key. The leaf is in intel/tdx-module 1.5.34 (commit 9fd3c8b1,
 * {@code src/td_dispatcher/vm_exits/tdg_mr_key_get.c}) and 2.0, not in 1.5.01; the engine models it whenever
 * the module version is 1.5 (the engine has no minor version, and the rest of the 1.5 model is 1.5.01).
 *
 * <p><b>Inputs</b>: RCX = private GPA of the 128-byte TDKEYREQUEST (tdx_api_defs.h td_key_request_t), RDX =
 * private GPA of the 32-byte key output, R8 = REQUESTOR_INFO (bits 7:0 requestor, 63:8 reserved).
 *
 * <p><b>Checks, in source order</b>:
 * <ol>
 * <li>platform without SEAMGETKEY ({@link Td#sealingSupported} false) → TDX_OPERAND_INVALID with bits 31:0 = 0;</li>
 * <li>neither CONFIG_FLAGS.SEALING (bit 7) nor TD_CTLS.ENABLE_HW_KEYS (bit 4) → TDX_MR_KEY_GET_NOT_SUPPORTED;</li>
 * <li>requestor &gt; 3 or R8[63:8] ≠ 0 → TDX_OPERAND_INVALID | R8;</li>
 * <li>RCX not 128-byte aligned → operand RCX; RCX not a valid private GPA → operand RCX (unmapped: EPT-violation
 *     TD exit; PENDING: #VE);</li>
 * <li>RDX not 32-byte aligned → operand RDX; RDX not a valid private GPA → operand RDX (same faults);</li>
 * <li>KEYNAME ≠ 0 → TDX_OPERAND_INVALID | KEYNAME (100);</li>
 * <li>reserved request fields ≠ 0 → operand RCX: bytes 4..7 and 102..127, KEYPOLICY bits 7:4, 31:11, 63:48,
 *     TEE_TCB_SVN bytes 3..15, ATTRIBUTES_MASK bits 3:1, 15:7, 26:18, 61:32, XFAM_MASK bits 63:19;</li>
 * <li>KEYSIZE_BITMAP bit 0 (128-bit, the only size tdh_sys_init.c enables) clear → operand KEYSIZE_BITMAP (108);</li>
 * <li>(the RTMR lock is never busy: the model has one VCPU);</li>
 * <li>SEAMGETKEY: see below; failure → TDX_SVN_INVALID.</li>
 * </ol>
 * On success R9 = 128 (128 &lt;&lt; KEY_SIZE, which the module leaves 0) and the key is written to RDX; on
 * error R9 and the output buffer are not written.
 *
 * <p><b>What is modelled of the key derivation.</b> The derivation string is built as the source builds
 * {@code tdgetkey_derivation_string_t} (704 bytes: KEYNAME, SW_KEYNAME, REQUESTOR, ATTRIBUTES &amp; mask, mask,
 * XFAM &amp; mask, mask, MRTD if KEYPOLICY bit 0, MROWNER if bit 1, RTMR i if bit 32+i, SERVTD_HASH if
 * ATTRIBUTES.MIGRATABLE (bit 29), SALT; everything else zero, KEYPOLICY itself included), and KEY_INFO is its
 * SHA-384, as in the source. SEAMGETKEY is CPU behaviour the public source does not describe; the model:
 * <ul>
 * <li>it fails (TDX_SVN_INVALID) when a requested CPUSVN byte or TEE_TCB_SVN byte 0..2 is above the platform's
 *     ({@link TdReport#CPUSVN}, TEE_TCB_SVN {@code 01 05 00}, the values TDG.MR.REPORT reports);</li>
 * <li>otherwise the key is the first 16 bytes of HMAC-SHA-256 keyed with a fixed engine secret over
 *     KEY_INFO || key name space 1 || the requested CPUSVN || the requested TEE_TCB_SVN; the 32-byte output holds
 *     those 16 bytes followed by 16 zero bytes.</li>
 * </ul>
 * So a key is deterministic, depends on every input the source mixes in, and on nothing the source ignores.
 */
final class TdgMrKeyGet implements Leaf {
    static final long TDX_MR_KEY_GET_NOT_SUPPORTED = 0xC000100400000000L;
    static final long TDX_SVN_INVALID = 0xC000100600000000L;
    static final int OPERAND_ID_KEYNAME = 100;
    static final int OPERAND_ID_KEYSIZE_BITMAP = 108;

    /** tdx_api_defs.h REQUESTOR_TYPE_MAX. */
    static final int REQUESTOR_TYPE_MAX = 3;
    static final int REQUEST_SIZE = 128;
    static final int REQUEST_ALIGN = 128;
    static final int KEY_OUTPUT_SIZE = 32;
    static final int KEY_ALIGN = 32;
    /** Supported KEYSIZE_BITMAP bits: bit 0 = 128-bit (tdh_sys_init.c sets only BIT(SEALKEY_SIZE_128_BIT)). */
    static final int SUPPORTED_KEY_SIZES = 0x1;
    /** CONFIG_FLAGS bit 7 SEALING; TD_CTLS bit 4 ENABLE_HW_KEYS. */
    static final long CONFIG_FLAGS_SEALING = 1L << 7;
    static final long TD_CTLS_ENABLE_HW_KEYS = 1L << 4;

    /** KEYPOLICY reserved bits 7:4, 31:11, 63:48. */
    static final long KEYPOLICY_RESERVED = 0xF0L | 0xFFFFF800L | 0xFFFF000000000000L;
    /** ATTRIBUTES_MASK reserved: tud 3:1, tup2 15:7, p 22:18, n 26:23, other 61:32. */
    static final long ATTRIBUTES_MASK_RESERVED = 0xEL | 0xFF80L | 0x7FC0000L | 0x3FFFFFFF00000000L;
    /** XFAM_MASK reserved bits 63:19 (x86_defs.h ia32_xcr0_t reserved_1). */
    static final long XFAM_MASK_RESERVED = -1L << 19;

    /** Platform TEE_TCB_SVN bytes 0..2 (module SVN minor, major, SEAM last patch SVN), as TDG.MR.REPORT reports. */
    static final byte[] PLATFORM_TEE_TCB_SVN = {1, 5, 0};
    private static final byte[] ENGINE_SECRET =
            Td.sha384("LeafSpec reference engine sealing secret".getBytes(StandardCharsets.US_ASCII));

    @Override
    public long execute(TdxModule m, RegisterFile regs, int version) {
        Td td = m.td;
        long requestGpa = regs.gpr(1);
        long outputGpa = regs.gpr(2);
        long requestorInfo = regs.gpr(8);
        if (!td.sealingSupported) {
            return TdxStatus.TDX_OPERAND_INVALID;
        }
        if ((td.configFlags() & CONFIG_FLAGS_SEALING) == 0 && (td.tdCtls & TD_CTLS_ENABLE_HW_KEYS) == 0) {
            return TDX_MR_KEY_GET_NOT_SUPPORTED;
        }
        if ((requestorInfo & 0xFF) > REQUESTOR_TYPE_MAX || (requestorInfo >>> 8) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_R8);
        }
        if ((requestGpa & (REQUEST_ALIGN - 1)) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        long acc = m.guestAccess(requestGpa, true, false);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RCX);
        }
        byte[] req = td.memory.read(requestGpa, REQUEST_SIZE);
        if ((outputGpa & (KEY_ALIGN - 1)) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RDX);
        }
        acc = m.guestAccess(outputGpa, true, true);
        if (acc != TdxStatus.TDX_SUCCESS) {
            return TdxModule.isSignal(acc) ? acc : TdxStatus.withOperand(acc, TdxStatus.OPERAND_ID_RDX);
        }
        int keyName = u16(req, 0);
        if (keyName != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, OPERAND_ID_KEYNAME);
        }
        long policy = u64(req, 8);
        long attributesMask = u64(req, 16);
        long xfamMask = u64(req, 24);
        if (!zero(req, 4, 8) || !zero(req, 102, 128) || (policy & KEYPOLICY_RESERVED) != 0
                || !zero(req, 51, 64) || (attributesMask & ATTRIBUTES_MASK_RESERVED) != 0
                || (xfamMask & XFAM_MASK_RESERVED) != 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, TdxStatus.OPERAND_ID_RCX);
        }
        int keySizeBitmap = req[3] & 0xFF;
        if ((keySizeBitmap & SUPPORTED_KEY_SIZES) == 0) {
            return TdxStatus.withOperand(TdxStatus.TDX_OPERAND_INVALID, OPERAND_ID_KEYSIZE_BITMAP);
        }
        byte[] keyInfo = Td.sha384(derivationString(td, req, (int) (requestorInfo & 0xFF)));
        byte[] key = seamGetKey(keyInfo, req);
        if (key == null) {
            return TDX_SVN_INVALID;
        }
        td.memory.write(outputGpa, key);
        regs.gpr(9, 128L << 0); // 128 << KEY_SIZE; the module never sets KEY_SIZE in its (zeroed) request
        return TdxStatus.TDX_SUCCESS;
    }

    /** tdgetkey_derivation_string_t (704 bytes) as tdg_mr_key_get.c fills it. */
    static byte[] derivationString(Td td, byte[] req, int requestor) {
        byte[] d = new byte[704];
        d[0] = req[0];
        d[1] = req[1];           // KEYNAME
        d[2] = req[2];           // SW_KEYNAME
        d[3] = (byte) requestor; // REQUESTOR
        // 8: KEYPOLICY is not copied by the source (stays 0)
        long policy = u64(req, 8);
        long attributesMask = u64(req, 16);
        long xfamMask = u64(req, 24);
        putU64(d, 16, td.attributes & attributesMask);
        putU64(d, 24, attributesMask);
        putU64(d, 32, td.xfam & xfamMask);
        putU64(d, 40, xfamMask);
        if ((policy & 1) != 0) System.arraycopy(td.mrtd, 0, d, 48, 48);
        if ((policy & 2) != 0) System.arraycopy(td.mrOwner, 0, d, 144, 48);
        for (int i = 0; i < 4; i++) {
            if ((policy & (1L << (32 + i))) != 0) System.arraycopy(td.rtmr[i], 0, d, 240 + 48 * i, 48);
        }
        if ((td.attributes & (1L << 29)) != 0) System.arraycopy(td.servtdHash, 0, d, 560, 48); // MIGRATABLE
        System.arraycopy(req, 70, d, 608, 32); // SALT
        return d;
    }

    /** The modelled SEAMOPS SEAMGETKEY: null when the requested SVNs are above the platform's, else the 32-byte output. */
    static byte[] seamGetKey(byte[] keyInfo, byte[] req) {
        for (int i = 0; i < 16; i++) {
            if ((req[32 + i] & 0xFF) > (TdReport.CPUSVN[i] & 0xFF)) return null;
        }
        for (int i = 0; i < 3; i++) {
            if ((req[48 + i] & 0xFF) > (PLATFORM_TEE_TCB_SVN[i] & 0xFF)) return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(ENGINE_SECRET, "HmacSHA256"));
            mac.update(keyInfo);
            mac.update((byte) 1); // key name space
            mac.update(req, 32, 16); // CPUSVN
            mac.update(req, 48, 16); // TEE_TCB_SVN
            byte[] h = mac.doFinal();
            byte[] out = new byte[KEY_OUTPUT_SIZE];
            System.arraycopy(h, 0, out, 0, 16);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | ((b[off + 1] & 0xFF) << 8);
    }

    static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) v = (v << 8) | (b[off + i] & 0xFF);
        return v;
    }

    private static void putU64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) b[off + i] = (byte) (v >>> (8 * i));
    }
}
