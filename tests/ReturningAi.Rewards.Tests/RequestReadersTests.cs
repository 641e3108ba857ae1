using ReturningAi.Rewards.Requests;
using ReturningAi.Rewards.Wallets;

namespace ReturningAi.Rewards.Tests;

public sealed class RequestReadersTests
{
    private const string ProductId = "6650a1b2c3d4e5f607182930";

    [Fact]
    public void A_purchase_reads_product_user_information_and_expected_price()
    {
        var (request, errors) = Json.Read(
            $$"""{"productID":"{{ProductId}}","email":" alex@example.com ","userInformation":{"name":" Alex ","phone":"","address":null},"expectedPrice":90.5}""",
            PurchaseRequestReader.Read);

        Assert.Empty(errors);
        Assert.Equal(new PurchaseRequest(ProductId, new UserReference(null, "alex@example.com"), new CollectedInformation("Alex", null, null), 90.5m), request);
    }

    [Fact]
    public void A_purchase_without_expected_price_or_information_reads_them_as_absent()
    {
        var (request, errors) = Json.Read($$"""{"productID":"{{ProductId}}","userID":"{{ProductId}}","expectedPrice":null}""", PurchaseRequestReader.Read);

        Assert.Empty(errors);
        Assert.Null(request!.ExpectedPrice);
        Assert.Equal(CollectedInformation.None, request.UserInformation);
    }

    [Fact]
    public void Every_problem_of_a_purchase_comes_back_together()
    {
        var (request, errors) = Json.Read(
            """{"userInformation":{"name":7,"phone":"0123456789012345678901234567890123456789012345678901"},"expectedPrice":-1}""",
            PurchaseRequestReader.Read);

        Assert.Null(request);
        Assert.Equal(
            ["productID:required", "userID:user_identifier_required", "userInformation.name:invalid_type", "userInformation.phone:invalid_length", "expectedPrice:out_of_range"],
            errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void Naming_the_user_twice_is_refused()
    {
        var (_, errors) = Json.Read($$"""{"productID":"{{ProductId}}","userID":"{{ProductId}}","email":"a@b.co"}""", PurchaseRequestReader.Read);

        Assert.Equal("user_identifier_required", Assert.Single(errors).Code);
    }

    [Fact]
    public void A_wallet_transaction_records_the_webhook_words_as_ledger_operations()
    {
        var (request, errors) = Json.Read(
            $$"""{"userID":"{{ProductId}}","operation":"overwrite","amount":0,"reason":"Season reset","reference":"season-7"}""",
            WalletTransactionRequestReader.Read);

        Assert.Empty(errors);
        Assert.Equal(new WalletTransactionRequest(new UserReference(ProductId, null), LedgerOperations.Set, 0, "Season reset", "season-7"), request);
    }

    [Fact]
    public void Every_problem_of_a_wallet_transaction_comes_back_together()
    {
        var (request, errors) = Json.Read("""{"operation":"withdraw","amount":"5","reason":""}""", WalletTransactionRequestReader.Read);

        Assert.Null(request);
        Assert.Equal(["userID:user_identifier_required", "operation:invalid_operation", "amount:invalid_type", "reason:invalid_length"],
            errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Theory]
    [InlineData("credit", "0")]
    [InlineData("debit", "12.345")]
    [InlineData("set", "-1")]
    [InlineData("credit", "1000000001")]
    public void Wallet_amounts_out_of_the_rules_are_invalid_amount(string operation, string amount)
    {
        var (_, errors) = Json.Read($$"""{"email":"a@b.co","operation":"{{operation}}","amount":{{amount}},"reason":"r"}""", WalletTransactionRequestReader.Read);

        var error = Assert.Single(errors);
        Assert.Equal(("invalid_amount", "amount"), (error.Code, error.Field));
    }

    [Fact]
    public void A_missing_amount_or_reason_is_required()
    {
        var (_, errors) = Json.Read("""{"email":"a@b.co","operation":"credit"}""", WalletTransactionRequestReader.Read);

        Assert.Equal(["amount:required", "reason:required"], errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Theory]
    [InlineData("""{"statusName":"Delivered","note":"Left at the door"}""", "Delivered", null, "Left at the door")]
    [InlineData("""{"statusID":"6650a1b2c3d4e5f607182930"}""", null, "6650a1b2c3d4e5f607182930", null)]
    public void A_status_change_names_its_status_once(string json, string? name, string? id, string? note)
    {
        var (request, errors) = Json.Read(json, StatusChangeRequestReader.Read);

        Assert.Empty(errors);
        Assert.Equal(new StatusChangeRequest(name, id, note), request);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"statusName":"Delivered","statusID":"6650a1b2c3d4e5f607182930"}""")]
    [InlineData("""{"statusName":"  "}""")]
    public void A_status_change_without_exactly_one_status_is_status_required(string json)
    {
        var (request, errors) = Json.Read(json, StatusChangeRequestReader.Read);

        Assert.Null(request);
        Assert.Equal("status_required", Assert.Single(errors).Code);
    }

    [Fact]
    public void A_note_is_at_most_a_thousand_characters()
    {
        var (_, errors) = Json.Read($$"""{"statusName":"Delivered","note":"{{new string('n', 1001)}}"}""", StatusChangeRequestReader.Read);

        Assert.Equal(("invalid_length", "note"), (Assert.Single(errors).Code, errors[0].Field));
    }

    [Fact]
    public void The_older_status_form_needs_a_transaction_and_a_status_id()
    {
        var (read, errors) = Json.Read("""{"transactionId":"ORD20260102ABCDEF01","statusId":"6650a1b2c3d4e5f607182930"}""", StatusChangeRequestReader.ReadTransactionForm);
        Assert.Empty(errors);
        Assert.Equal(("ORD20260102ABCDEF01", new StatusChangeRequest(null, "6650a1b2c3d4e5f607182930", null)), read);

        var (_, missing) = Json.Read("""{}""", StatusChangeRequestReader.ReadTransactionForm);
        Assert.Equal(["transactionId:required", "statusId:status_required"], missing.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void A_purchase_history_edit_reads_the_documented_date_as_midnight_utc()
    {
        var (edit, errors) = Json.Read(
            """{"redemptionInstructions":" Collect at the counter. ","voucherCode":" UPDATED-VOUCHER-2026 ","voucherExpiryDate":"31/12/2026"}""",
            PurchaseHistoryEditReader.Read);

        Assert.Empty(errors);
        Assert.Equal(new PurchaseHistoryEdit("Collect at the counter.", "UPDATED-VOUCHER-2026", new DateTimeOffset(2026, 12, 31, 0, 0, 0, TimeSpan.Zero)), edit);
        Assert.True(edit!.ChangesVoucher);
    }

    [Fact]
    public void Instructions_alone_are_an_edit()
    {
        var (edit, errors) = Json.Read("""{"redemptionInstructions":"Show the code."}""", PurchaseHistoryEditReader.Read);

        Assert.Empty(errors);
        Assert.False(edit!.ChangesVoucher);
    }

    [Theory]
    [InlineData("""{}""", "empty_update", null)]
    [InlineData("""{"redemptionInstructions":null}""", "empty_update", null)]
    [InlineData("""{"voucherCode":"NEW-1"}""", "voucher_fields_required", "voucherExpiryDate")]
    [InlineData("""{"redemptionInstructions":"x","voucherExpiryDate":"01/01/2027"}""", "voucher_fields_required", "voucherCode")]
    [InlineData("""{"voucherCode":"NEW-1","voucherExpiryDate":"31/02/2027"}""", "invalid_date", "voucherExpiryDate")]
    [InlineData("""{"voucherCode":"NEW-1","voucherExpiryDate":"2027-01-31"}""", "invalid_date", "voucherExpiryDate")]
    [InlineData("""{"voucherCode":"NEW-1","voucherExpiryDate":"1/2/2027"}""", "invalid_date", "voucherExpiryDate")]
    [InlineData("""{"redemptionInstructions":"  "}""", "invalid_length", "redemptionInstructions")]
    public void Purchase_history_edits_outside_the_documented_forms_are_refused(string json, string code, string? field)
    {
        var (edit, errors) = Json.Read(json, PurchaseHistoryEditReader.Read);

        Assert.Null(edit);
        var error = Assert.Single(errors);
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void Voucher_codes_and_instructions_have_the_documented_bounds()
    {
        var (_, errors) = Json.Read(
            $$"""{"redemptionInstructions":"{{new string('i', 10_001)}}","voucherCode":"{{new string('c', 513)}}","voucherExpiryDate":"01/01/2027"}""",
            PurchaseHistoryEditReader.Read);

        Assert.Equal(["redemptionInstructions:invalid_length", "voucherCode:invalid_length"], errors.Select(e => $"{e.Field}:{e.Code}"));
    }

    [Fact]
    public void Order_filters_read_dates_and_refuse_an_empty_range()
    {
        var errors = new List<ReturningAi.Contracts.Http.ErrorItem>();
        var values = new Dictionary<string, string?> { ["createdFrom"] = "2026-01-01", ["createdTo"] = "2026-02-01T00:00:00Z", ["statusName"] = " Pending " };

        var filters = OrderFiltersReader.Read(values.GetValueOrDefault, errors);

        Assert.Empty(errors);
        Assert.Equal(new OrderFilters("Pending", null, null, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)), filters);

        OrderFiltersReader.Read(new Dictionary<string, string?> { ["createdFrom"] = "2026-02-01", ["createdTo"] = "2026-02-01" }.GetValueOrDefault, errors);
        OrderFiltersReader.Read(new Dictionary<string, string?> { ["createdFrom"] = "yesterday" }.GetValueOrDefault, errors);
        Assert.Equal(["createdTo:invalid_range", "createdFrom:invalid_date"], errors.Select(e => $"{e.Field}:{e.Code}"));
    }
}
